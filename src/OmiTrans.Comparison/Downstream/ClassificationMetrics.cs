namespace OmiTrans.Comparison.Downstream;

/// <summary>How well a classifier recognises the labels of one data set (the paper's Table 3).</summary>
/// <param name="Dataset">What was classified (for example "real" or a method's name).</param>
/// <param name="Samples">Labelled samples classified.</param>
/// <param name="Accuracy">Fraction classified correctly.</param>
/// <param name="MacroPrecision">Precision averaged over classes (0 for a class never predicted).</param>
/// <param name="MacroRecall">Recall averaged over classes.</param>
/// <param name="MacroF1">F1 averaged over classes.</param>
/// <param name="MacroAuc">One-vs-rest ROC AUC averaged over the classes present with both positives and negatives (NaN if none).</param>
public sealed record ClassificationMetrics(string Dataset, int Samples, double Accuracy, double MacroPrecision, double MacroRecall, double MacroF1, double MacroAuc);
