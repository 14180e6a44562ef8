import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import NIOCore
import NIOPosix

/// A database that cannot do its work at the moment, as opposed to a request it refuses: the
/// server is down or restarting, or the disk is full (docs/security.md, "Faults"). Requests that
/// meet one are answered 503 or 507 with a clear message and nothing saved; the server keeps
/// running and the next request tries again, so no restart is needed once the cause is gone.
public enum DatabaseFault: Equatable, Sendable {
    /// The database server cannot be reached: refused, closed, restarting, or no pooled
    /// connection within the pool's timeout.
    case unavailable
    /// The disk the database writes to is full or cannot be written (SQLITE_FULL, SQLITE_IOERR,
    /// PostgreSQL's class 53 "insufficient resources").
    case diskFull

    /// What the person or API client is told.
    public var message: String {
        switch self {
        case .unavailable:
            return
                "The database is not available at the moment, so nothing was read or saved. Try again in a minute; if it goes on, tell the service's administrator."
        case .diskFull:
            return
                "The server's disk is full, so nothing was saved. What you sent is not lost: try again once the administrator has freed space."
        }
    }

    /// The fault behind `error`, or nil for every other error.
    public init?(_ error: Error) {
        switch error {
        case let e as SQLiteError:
            switch e.reason {
            case .full, .ioError, .ioErrorFailedRead, .ioErrorIncompleteRead, .ioErrorFailedWrite, .ioErrorFailedSync,
                .ioErrorFailedDirSync, .ioErrorFailedTruncate, .ioErrorFailedStat, .ioErrorFailedUnlock,
                .ioErrorFailedReadLock, .ioErrorFailedDelete, .ioErrorNoMemory, .ioErrorFailedAccess,
                .ioErrorFailedLockCheck, .ioErrorFailedAdvisoryLock, .ioErrorFailedClose, .ioErrorFailedSharedMemOpen,
                .ioErrorFailedSharedMemSize, .ioErrorFailedSharedMemMap, .ioErrorFailedDeleteNonexistent,
                .ioErrorFailedMemoryMap, .ioErrorCantFindTempdir, .ioErrorCygwinPath, .ioErrorBadDataChecksum,
                .ioErrorCorruptedFilesystem:
                // SQLITE_FULL and SQLITE_IOERR with every extended I/O code, matched by case.
                self = .diskFull
            default: return nil
            }
        case let e as PSQLError:
            if let state = e.serverInfo?[.sqlState] {
                // 53xxx insufficient resources (53100 disk full); 08xxx connection exception;
                // 57P01–57P03 the server shutting down, crashed or starting.
                if state.hasPrefix("53") {
                    self = .diskFull
                } else if state.hasPrefix("08") || ["57P01", "57P02", "57P03"].contains(state) {
                    self = .unavailable
                } else {
                    return nil
                }
            } else if [
                .connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown,
            ]
            .contains(e.code) {
                self = .unavailable
            } else {
                return nil
            }
        case is ConnectionPoolTimeoutError, is ConnectionPoolError, is NIOConnectionError:
            self = .unavailable
        case let e as ChannelError:
            switch e {
            case .ioOnClosedChannel, .alreadyClosed, .eof, .connectPending: self = .unavailable
            default: return nil
            }
        case let e as IOError:
            guard [ECONNREFUSED, ECONNRESET, EPIPE, ECONNABORTED, ETIMEDOUT].contains(e.errnoCode) else { return nil }
            self = .unavailable
        default:
            return nil
        }
    }
}
