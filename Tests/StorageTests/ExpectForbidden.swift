import Testing

@testable import Storage

/// Expects `body` to throw the one "forbidden" error, `StorageError.forbidden`.
func expectForbidden<R>(
    _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation,
    _ body: () async throws -> R
) async {
    let note = comment.map { "\($0)" } ?? ""
    do {
        _ = try await body()
        Issue.record("Expected forbidden, but it was allowed. \(note)", sourceLocation: sourceLocation)
    } catch let error as StorageError where error.isForbidden {
        return
    } catch {
        Issue.record("Expected forbidden, got \(error). \(note)", sourceLocation: sourceLocation)
    }
}
