namespace SignupEmail.Shared.Contracts;

/// <summary>Why a record could not be decoded. Every kind is permanent: a retry reads the same bytes.</summary>
public enum DecodeFailureKind
{
    /// <summary>No value, not UTF-8, not JSON, or JSON that is not an object.</summary>
    UndecodableJson,

    /// <summary>A schema version this build does not know.</summary>
    UnknownSchemaVersion,

    /// <summary>A required field is absent or null.</summary>
    MissingField,

    /// <summary>A field has the wrong JSON type or a value out of its range.</summary>
    InvalidField,

    /// <summary>The e-mail field is not a single, plain e-mail address.</summary>
    InvalidEmailAddress,
}
