public enum SNAPCryptoPlaceholder {}
