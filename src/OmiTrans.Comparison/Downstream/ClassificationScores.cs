namespace OmiTrans.Comparison.Downstream;

/// <summary>Accuracy, macro precision, recall, F1 and one-vs-rest AUC from class probabilities.</summary>
internal static class ClassificationScores
{
    /// <param name="dataset">Row name.</param>
    /// <param name="truth">True class index per sample.</param>
    /// <param name="probabilities">[samples, classes], row by row.</param>
    /// <param name="classes">Number of classes.</param>
    public static ClassificationMetrics Compute(string dataset, int[] truth, float[] probabilities, int classes)
    {
        int n = truth.Length;
        var predicted = new int[n];
        for (int i = 0; i < n; i++)
        {
            int best = 0;
            for (int c = 1; c < classes; c++)
            {
                if (probabilities[(i * classes) + c] > probabilities[(i * classes) + best])
                {
                    best = c;
                }
            }

            predicted[i] = best;
        }

        double accuracy = truth.Zip(predicted).Count(p => p.First == p.Second) / (double)n;
        var present = truth.Concat(predicted).Distinct().Order().ToArray();
        double precision = 0;
        double recall = 0;
        double f1 = 0;
        foreach (int c in present)
        {
            int tp = 0;
            int fp = 0;
            int fn = 0;
            for (int i = 0; i < n; i++)
            {
                if (predicted[i] == c && truth[i] == c)
                {
                    tp++;
                }
                else if (predicted[i] == c)
                {
                    fp++;
                }
                else if (truth[i] == c)
                {
                    fn++;
                }
            }

            double p = tp + fp == 0 ? 0 : tp / (double)(tp + fp);
            double r = tp + fn == 0 ? 0 : tp / (double)(tp + fn);
            precision += p;
            recall += r;
            f1 += p + r == 0 ? 0 : 2 * p * r / (p + r);
        }

        var aucs = new List<double>();
        for (int c = 0; c < classes; c++)
        {
            var scores = Enumerable.Range(0, n).Select(i => (double)probabilities[(i * classes) + c]).ToArray();
            var positive = truth.Select(t => t == c).ToArray();
            if (positive.Any(x => x) && positive.Any(x => !x))
            {
                aucs.Add(Auc(scores, positive));
            }
        }

        return new ClassificationMetrics(dataset, n, accuracy, precision / present.Length, recall / present.Length, f1 / present.Length, aucs.Count > 0 ? aucs.Average() : double.NaN);
    }

    /// <summary>ROC AUC by the rank-sum (Mann-Whitney) statistic, ties counted as one half.</summary>
    internal static double Auc(double[] scores, bool[] positive)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Length];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j + 1 < order.Length && scores[order[j + 1]] == scores[order[i]])
            {
                j++;
            }

            double rank = ((i + j) / 2.0) + 1;
            for (int k = i; k <= j; k++)
            {
                ranks[order[k]] = rank;
            }

            i = j + 1;
        }

        double positives = positive.Count(p => p);
        double negatives = positive.Length - positives;
        double rankSum = Enumerable.Range(0, ranks.Length).Where(i => positive[i]).Sum(i => ranks[i]);
        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }
}
