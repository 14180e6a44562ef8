// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Commonweal",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "commonweal", targets: ["commonweal"])
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.115.0"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.12.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.8.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
    ],
    targets: [
        // Pure domain rules: Foundation only, no I/O.
        .target(name: "SocialValue"),
        // Open Contracting Data Standard: exact JSON, releases, records, merging. Foundation only.
        .target(name: "OCDS", resources: [.copy("Resources")]),
        // Fluent models, migrations and the stores that keep invariants; SQLite and PostgreSQL.
        .target(
            name: "Storage",
            dependencies: [
                "SocialValue", "OCDS",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "Vapor", package: "vapor"),
            ],
            resources: [.copy("Resources")]
        ),
        // The demo area (Eastmoor): linked by the executable and the tests, never by the server.
        .target(
            name: "Demo",
            dependencies: [
                "SocialValue", "Storage",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "Vapor", package: "vapor"),
            ]
        ),
        // Vapor application: pages, JSON API, sessions, auth.
        .target(
            name: "Web",
            dependencies: [
                "SocialValue", "Storage", "OCDS",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
            ],
            resources: [.copy("App/Public"), .copy("App/openapi.json"), .copy("OpenData/Extension")]
        ),
        .executableTarget(
            name: "commonweal",
            dependencies: [
                "SocialValue", "Storage", "Demo", "Web", "OCDS",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Vapor", package: "vapor"),
            ]
        ),
        // Shared by the test targets: the database backends every storage test runs against.
        .target(
            name: "TestSupport",
            dependencies: ["Storage", "Demo", .product(name: "Vapor", package: "vapor")],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "SocialValueTests", dependencies: ["SocialValue"]),
        .testTarget(name: "OCDSTests", dependencies: ["OCDS"], resources: [.copy("Fixtures")]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "Demo", "SocialValue", "TestSupport", "OCDS"]),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "Storage", "Demo", "SocialValue", "TestSupport",
                .product(name: "VaporTesting", package: "vapor"),
            ]
        ),
        .testTarget(name: "CLITests", dependencies: ["commonweal", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)
