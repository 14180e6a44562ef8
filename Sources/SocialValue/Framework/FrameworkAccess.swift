import Foundation

/// The access table's rows for `FrameworkStore` and `ValueSetStore` (see `ProtectedOperations`),
/// for a framework owned by a Compact (`subject.compact`), whose group edits it and comments on
/// its open versions. "Draft" reads concern a version still a draft or out for consultation:
/// adopted and superseded versions are public.
public enum FrameworkOperation: String, ProtectedOperations {
    // FrameworkStore: the owners' writes
    case createFramework, startNewVersion, updateVersion, transitionVersion
    case addTheme, addOutcome, addMeasure, updateMeasure, removeMeasure, renameTreeItem, removeTreeItem
    case addContributor, addWorkshop, respondToComment
    /// Amending a response already given: a new version with its reason.
    case amendCommentResponse
    // FrameworkStore: the commenting groups' write
    case commentOnVersion
    // FrameworkStore: reading an open version
    case readDraftVersion, readDraftTree, exportDraftTree, readDraftAdoptions, readDraftComments, readDraftMeasure
    // ValueSetStore
    case createValueSet, replaceValueSetValues, setValueSetPriceIndex
    /// Reading the value sets of an open version, one of them, its values, its CSV.
    case readDraftValueSets, readDraftValueSet, readDraftValueSetEntries, exportDraftValueSet

    public var store: String {
        switch self {
        case .createValueSet, .replaceValueSetValues, .setValueSetPriceIndex, .readDraftValueSets, .readDraftValueSet,
            .readDraftValueSetEntries, .exportDraftValueSet:
            return "ValueSetStore"
        default:
            return "FrameworkStore"
        }
    }

    public func outcome(for viewer: Viewer?, on subject: AccessSubject) -> AccessOutcome {
        let owner = FrameworkOwner.compact(subject.compact)
        let compacts: Set<UUID> = [subject.compact]
        switch self {
        case .readDraftVersion, .readDraftTree, .exportDraftTree, .readDraftAdoptions, .readDraftComments,
            .readDraftMeasure:
            // These take a `Viewer?`: visitors see adopted versions only.
            return decide(
                viewer.canSeeFrameworkVersion(owner: owner, compacts: compacts, open: true), otherwise: .notFound)
        default:
            break
        }
        guard let viewer else { return .forbidden }
        switch self {
        case .createFramework, .startNewVersion, .updateVersion, .transitionVersion, .addTheme, .addOutcome,
            .addMeasure, .updateMeasure, .removeMeasure, .renameTreeItem, .removeTreeItem, .addContributor,
            .addWorkshop, .respondToComment, .amendCommentResponse, .createValueSet, .replaceValueSetValues,
            .setValueSetPriceIndex:
            return decide(viewer.canEditFramework(owner))
        case .commentOnVersion:
            return decide(viewer.canCommentOnFramework(compacts: compacts))
        case .readDraftValueSets, .readDraftValueSet, .readDraftValueSetEntries, .exportDraftValueSet,
            .readDraftVersion, .readDraftTree, .exportDraftTree, .readDraftAdoptions, .readDraftComments,
            .readDraftMeasure:
            return decide(
                viewer.canSeeFrameworkVersion(owner: owner, compacts: compacts, open: true), otherwise: .notFound)
        }
    }
}
