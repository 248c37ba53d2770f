using System.Collections;
using System.Reflection;

namespace SignupEmail.Shared.Configuration;

/// <summary>
/// The configuration keys a settings type binds, read from its public properties the way
/// <c>Microsoft.Extensions.Configuration.Binder</c> reads them: a property name is a key (any case),
/// a dictionary takes any key, a list takes indexes, and values (strings, numbers, enums, time spans)
/// take no keys below them.
/// </summary>
internal sealed class SettingsShape
{
    private static readonly Type[] ValueTypes =
    [
        typeof(string), typeof(decimal), typeof(TimeSpan), typeof(DateTime), typeof(DateTimeOffset),
        typeof(DateOnly), typeof(TimeOnly), typeof(Guid), typeof(Uri), typeof(Version),
    ];

    private readonly Dictionary<string, SettingsShape> _properties = new(StringComparer.OrdinalIgnoreCase);

    private SettingsShape(string kind) => Kind = kind;

    /// <summary><c>value</c>, <c>object</c> (named properties) or <c>map</c> (any key: dictionaries and lists).</summary>
    public string Kind { get; }

    /// <summary>The shape of every entry of a map.</summary>
    public SettingsShape? Entry { get; private set; }

    /// <summary>The named properties of an object.</summary>
    public IReadOnlyDictionary<string, SettingsShape> Properties => _properties;

    /// <summary>The shape of <paramref name="type"/>.</summary>
    public static SettingsShape Of(Type type) => Of(type, []);

    /// <summary>Adds (or replaces) a property, for sections bound from a type of their own.</summary>
    public void Add(string name, SettingsShape shape) => _properties[name] = shape;

    private static SettingsShape Of(Type type, HashSet<Type> visiting)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsPrimitive || type.IsEnum || ValueTypes.Contains(type))
        {
            return new SettingsShape("value");
        }

        if (EntryType(type) is { } entry)
        {
            return new SettingsShape("map") { Entry = Of(entry, visiting) };
        }

        var shape = new SettingsShape("object");
        if (!visiting.Add(type))
        {
            return shape; // a type that contains itself: its inner levels are not checked
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length == 0 && property.GetMethod is { IsPublic: true })
            {
                shape._properties[property.Name] = Of(property.PropertyType, visiting);
            }
        }

        visiting.Remove(type);
        return shape;
    }

    // Dictionaries take any key and bind its value; arrays and lists take indexes.
    private static Type? EntryType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (type == typeof(string) || !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var interfaces = type.IsInterface ? type.GetInterfaces().Append(type) : type.GetInterfaces();
        var generic = interfaces.Where(i => i.IsGenericType).ToList();
        var dictionary = generic.FirstOrDefault(i =>
            i.GetGenericTypeDefinition() == typeof(IDictionary<,>) || i.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>));
        if (dictionary is not null)
        {
            return dictionary.GetGenericArguments()[1];
        }

        var sequence = generic.FirstOrDefault(i => i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return sequence?.GetGenericArguments()[0] ?? typeof(object);
    }
}
