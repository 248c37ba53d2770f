namespace SignupEmail.Dashboard.Metrics;

/// <summary>One line of the Prometheus text format: a metric name, its labels and its value.</summary>
internal sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>True when the sample carries label <paramref name="label"/> with <paramref name="value"/>.</summary>
    public bool Has(string label, string value) => Labels.TryGetValue(label, out var actual) && actual == value;
}
