import Fluent

/// Runs one write transaction at a time within this process.
///
/// SQLite allows one writer; two connections that both read and then write in deferred
/// transactions can deadlock. Writes are short, so queueing them costs little and keeps the
/// audit chain linear. PostgreSQL writers in other processes are serialised by the audit
/// table lock (`AuditLog.record`).
///
/// The gate is not re-entrant: never call `write` from inside a `write` (a store made on a
/// transaction's database must not open another one). Compose work inside one transaction.
actor WriteGate {
    static let shared = WriteGate()

    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    func acquire() async {
        if !busy {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func release() {
        if waiting.isEmpty {
            busy = false
        } else {
            waiting.removeFirst().resume()
        }
    }
}

extension Database {
    /// A transaction that holds the write gate for its whole life.
    public func write<T: Sendable>(_ body: @escaping @Sendable (Database) async throws -> T) async throws -> T {
        await WriteGate.shared.acquire()
        do {
            let result = try await transaction { try await body($0) }
            await WriteGate.shared.release()
            return result
        } catch {
            await WriteGate.shared.release()
            throw error
        }
    }
}
