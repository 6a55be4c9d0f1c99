import SNAPSim
import SimJSON

/// Checks scenarios against the fixtures before a run, so that a scenario naming an unknown partner or a
/// service its profile does not serve is a file problem (exit 2), not a failure half-way through.
struct ScenarioPreflight {
    let fixtures: LoadedFixtures
    let configuration: RunConfiguration

    /// A signer for every partner the scenarios act as.
    func check(_ scenarios: [Scenario]) throws(ScenarioLoadError) -> [String: PartnerSigner] {
        var problems: [ScenarioProblem] = []
        var signers: [String: PartnerSigner] = [:]
        var unusable: Set<String> = []
        let standIn = configuration.credentials?.partnerID

        /// The partner a scenario's name stands for in this run, with a signer made for it once.
        @discardableResult
        func partner(_ name: String, at pointer: JSONPointer, in scenario: Scenario) -> Partner? {
            let id = name == Scenario.defaultPartner ? (standIn ?? name) : name
            guard let partner = fixtures.partners[id] else {
                let known = fixtures.partners.keys.sorted().joined(separator: ", ")
                problems.append(
                    ScenarioProblem(
                        file: scenario.file, pointer: pointer,
                        message: "no partner \(id) in the fixtures (known: \(known))"))
                return nil
            }
            if signers[id] == nil, !unusable.contains(id) {
                do {
                    var signer = try PartnerSigner(partner: partner)
                    signer.requestSigning = fixtures.profiles.first { $0.name == partner.profile }?.dialect.requestSigning ?? .snap
                    signer.signingVariants = fixtures.signingVariants(for: partner)
                    if signer.privateKey == nil { throw PartnerSignerError.missingKey(id) }
                    signers[id] = signer
                } catch {
                    unusable.insert(id)
                    problems.append(
                        ScenarioProblem(
                            file: scenario.file, pointer: pointer,
                            message: "cannot act as \(id): \(error) (give its key with --partner-key FILE)"))
                }
            }
            return partner
        }

        for scenario in scenarios {
            let scenarioPartner = partner(scenario.partner, at: scenario.pointer.appending("partner"), in: scenario)
            if configuration.isInProcess {
                do throws(FixtureOverrides.Mismatch) {
                    _ = try scenario.fixtures.applied(to: fixtures)
                } catch {
                    problems.append(
                        ScenarioProblem(file: scenario.file, pointer: error.pointer, message: error.message))
                }
            }
            for (index, step) in scenario.steps.enumerated() {
                guard case .request(let request) = step.action else { continue }
                let stepPointer = scenario.pointer.appending("steps").appending(String(index))
                if case .ofPartner(let other) = request.token {
                    partner(other, at: stepPointer.appending("token"), in: scenario)
                }
                let acting =
                    request.partner.map { partner($0, at: stepPointer.appending("partner"), in: scenario) }
                    ?? scenarioPartner
                guard let acting, case .service(let name) = request.target, let service = ServiceDescriptor.named(name)
                else {
                    continue
                }
                let profile = acting.profile ?? fixtures.engine.defaultProfile
                let served =
                    fixtures.profiles.first { $0.name == profile }?.routes.contains { $0.service == service } ?? false
                if !served {
                    problems.append(
                        ScenarioProblem(
                            file: scenario.file, pointer: stepPointer.appending("service"),
                            message:
                                "profile \(profile) of partner \(acting.clientId) serves no \(service.name); use \"path\" for a path of your own"
                        ))
                }
            }
        }
        guard problems.isEmpty else { throw ScenarioLoadError(problems: problems) }
        return signers
    }
}

extension PartnerSignerError {
    static func missingKey(_ id: String) -> PartnerSignerError {
        PartnerSignerError(
            .noPrivateKey, "no private key for \(id): only sandbox demo partners carry one in the fixtures")
    }
}
