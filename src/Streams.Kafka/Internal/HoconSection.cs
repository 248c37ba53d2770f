using Akka.Configuration;
using Akka.Configuration.Hocon;
using SignupEmail.Streams.Kafka.Settings;

namespace SignupEmail.Streams.Kafka.Internal;

/// <summary>
/// Reads one <c>akka.kafka.*</c> section with errors that name the full key, so that a bad value
/// stops start-up with a message pointing at the line to fix.
/// </summary>
internal sealed class HoconSection(Config config, string path)
{
    public string Path { get; } = path;

    public int PositiveInt(string key) => Read(key, () => config.GetInt(key), v => v > 0, "must be a positive integer");

    public TimeSpan PositiveDuration(string key) =>
        Read(key, () => config.GetTimeSpan(key, null, allowInfinite: false), v => v > TimeSpan.Zero, "must be a positive duration such as 500ms or 5s");

    public string NonEmptyString(string key) => Read(key, () => config.GetString(key), v => !string.IsNullOrWhiteSpace(v), "must not be empty");

    /// <summary>One of the names in <paramref name="choices"/>, mapped to its value.</summary>
    public T OneOf<T>(string key, IReadOnlyDictionary<string, T> choices)
    {
        var name = Read(key, () => config.GetString(key), choices.ContainsKey, $"must be one of {string.Join(", ", choices.Keys)}");
        return choices[name];
    }

    /// <summary>
    /// The <c>kafka-clients</c> block as librdkafka properties. HOCON reads <c>enable.idempotence = true</c>
    /// as nested objects, so the tree is flattened back into dotted keys.
    /// </summary>
    public IReadOnlyDictionary<string, string> KafkaClients()
    {
        const string key = "kafka-clients";
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!config.HasPath(key))
        {
            return result;
        }

        var root = config.GetValue(key);
        if (!root.IsObject())
        {
            throw new KafkaSettingsException(Full(key), "must be an object of librdkafka properties");
        }

        Flatten(root.GetObject(), prefix: string.Empty, result);
        return result;
    }

    private void Flatten(HoconObject node, string prefix, Dictionary<string, string> into)
    {
        foreach (var (name, value) in node.Items)
        {
            var property = prefix.Length == 0 ? name : $"{prefix}.{name}";
            if (value.IsObject())
            {
                Flatten(value.GetObject(), property, into);
            }
            else if (value.IsString())
            {
                into[property] = value.GetString();
            }
            else
            {
                throw new KafkaSettingsException(Full($"kafka-clients.{property}"), "must be a single value (librdkafka takes lists as comma-separated strings)");
            }
        }
    }

    private T Read<T>(string key, Func<T> read, Func<T, bool> valid, string rule)
    {
        if (!config.HasPath(key))
        {
            throw new KafkaSettingsException(Full(key), "is missing");
        }

        T value;
        try
        {
            value = read();
        }
        catch (Exception e) when (e is ConfigurationException or FormatException or OverflowException or InvalidCastException)
        {
            throw new KafkaSettingsException(Full(key), rule, e);
        }

        return valid(value) ? value : throw new KafkaSettingsException(Full(key), $"{rule} (was '{value}')");
    }

    private string Full(string key) => $"{Path}.{key}";
}
