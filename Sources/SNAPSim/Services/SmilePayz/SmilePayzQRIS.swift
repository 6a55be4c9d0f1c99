enum SmilePayzQRIS {
    static func string(_ order: SmilePayzOrderFields, tradeNo: String) -> String { "TEMP" }
}
