
namespace OmiTrans.Models;

/// <summary>The fit report of a model as JSON.</summary>
public sealed partial class TranslationModel
{
    /// <summary>
    /// A JSON summary of the fit: method, generator and parameter count; the alignment (counts and the dropped
    /// sample ids), the split sizes, the preprocessing counts, the training summary and the test metrics.
    /// </summary>
    public string ReportAsJson()
    {
        var reports = Reports;
        var report = new
        {
            method = Method,
            generator = GeneratorName,
            parameters = ParameterCount,
            libraryVersion = LibraryVersion,
            createdUtc = CreatedUtc,
            alignment = reports?.Alignment is { } a ? new
            {
                sourceSamples = a.SourceSampleCount,
                targetSamples = a.TargetSampleCount,
                sharedSamples = a.SharedSampleCount,
                samplesOnlyInSource = a.SamplesOnlyInSource,
                samplesOnlyInTarget = a.SamplesOnlyInTarget,
                ambiguousSamples = a.AmbiguousSamples,
                caseOrSpaceOnlyMismatches = a.CaseOrSpaceOnlyMismatches,
                sourceOrdering = Ordering(a.SourceOrdering),
                targetOrdering = Ordering(a.TargetOrdering),
            } : null,
            split = reports is null ? null : new
            {
                train = reports.Split.Train.Count,
                validation = reports.Split.Validation.Count,
                test = reports.Split.Test.Count,
                unassignedSamples = reports.UnassignedSamples,
            },
            preprocessing = reports?.Preprocessing is { } p ? new
            {
                trainingSamples = p.TrainingSampleCount,
                sourceFeaturesIn = p.SourceFeaturesIn,
                sourceExcluded = p.SourceExcluded.Count,
                sourceDroppedForMissing = p.SourceDroppedForMissing.Count,
                sourceDroppedForVariance = p.SourceDroppedForVariance.Count,
                sourceFeaturesKept = p.SourceFeaturesKept,
                sourceValuesImputed = p.SourceValuesImputed,
                targetFeaturesIn = p.TargetFeaturesIn,
                targetDroppedForMissing = p.TargetDroppedForMissing.Count,
                targetFeaturesKept = p.TargetFeaturesKept,
                targetValuesImputed = p.TargetValuesImputed,
                constantTargetFeatures = p.ConstantTargetFeatures.Count,
            } : null,
            training = History is { } h ? new { epochsRun = h.Epochs.Count, selectedEpoch = h.SelectedEpoch, stoppedEarly = h.StoppedEarly, seconds = h.Seconds } : null,
            testMetrics = TestMetrics,
        };
        return Json.Serialize(report);
    }

    /// <summary>Writes <see cref="ReportAsJson"/> to a file, atomically.</summary>
    /// <param name="path">The destination.</param>
    public void WriteReport(string path) => AtomicFile.WriteAllText(Guard.NotNullOrWhiteSpace(path), ReportAsJson() + "\n");

    private static object? Ordering(FeatureOrderingReport? report) => report is null ? null : new
    {
        locationTable = report.LocationTable,
        orderedFeatures = report.OrderedFeatureCount,
        unannotatedFeatures = report.UnannotatedFeatures.Count,
        otherContigFeatures = report.OtherContigFeatures.Count,
        unmatchedLocationIds = report.UnmatchedLocationCount,
        groups = report.Groups.Select(g => new { name = g.Name, count = g.Count }),
    };
}
