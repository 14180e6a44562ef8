import Fluent
import Storage
import Vapor

/// Sets up the web application on a database already chosen with `useDatabase`.
public func configure(_ app: Application, settings: WebSettings) throws {
    app.webSettings = settings
    TextCheckingDecoder.install()
    _ = app.signInLimiter
    _ = app.publicResponseLimiter
    app.routes.defaultMaxBodySize = "1mb"
    app.middleware = Middlewares()
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(ErrorHandlingMiddleware())
    let methodNotAllowed = MethodNotAllowedMiddleware()
    app.middleware.use(methodNotAllowed)
    app.lifecycle.use(methodNotAllowed)  // builds its path→methods table at boot
    app.middleware.use(QueryTextCheckMiddleware())
    app.middleware.use(PageCookiesMiddleware())
    app.middleware.use(AuthenticationMiddleware())
    try app.register(collection: PublicPages())
    try app.register(collection: SignInPages())
    try app.register(collection: AccountPages())
    try app.register(collection: OrganisationPages())
    try app.register(collection: UserAdminPages())
    try app.register(collection: CompactPages())
    try app.register(collection: AuditPages())
    try app.register(collection: FrameworkPages())
    try app.register(collection: ValueSetPages())
    try app.register(collection: StrategyPages())
    try app.register(collection: ConsultationPages())
    try app.register(collection: NotificationPages())
    try app.register(collection: ProcurementPages())
    try app.register(collection: TenderPages())
    try app.register(collection: BidPages())
    try app.register(collection: EvaluationPages())
    try app.register(collection: AwardPages())
    try app.register(collection: PublicContractPages())
    try app.register(collection: ProfilePages())
    try app.register(collection: MonitoringPages())
    try app.register(collection: DecommissioningPublicPages())
    try app.register(collection: IndicatorPages())
    try app.register(collection: ActReportPages())
    try app.register(collection: DecommissioningPages())
    try app.register(collection: DecommissioningSectionPages())
    try app.register(collection: APIv1())
    try app.register(collection: AccountsAPI())
    try app.register(collection: CompactAPI())
    try app.register(collection: FrameworkAPI())
    try app.register(collection: ConsultationAPI())
    try app.register(collection: ProcurementAPI())
    try app.register(collection: TenderAPI())
    try app.register(collection: EvaluationAPI())
    try app.register(collection: SROIAPI())
    try app.register(collection: ScoringAPI())
    try app.register(collection: MonitoringAPI())
    try app.register(collection: DeliveryAPI())
    try app.register(collection: IndicatorsAPI())
    try app.register(collection: ActReportAPI())
    try app.register(collection: DecommissioningAPI())
    try app.register(collection: ProfileAPI())
    try app.register(collection: OCDSAPI())
    try app.register(collection: OpenDataPages())
}
