using System.Buffers.Text;
using System.Text;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// Relay Global Object Identification ids (<c>Node.id</c>): the type name and the entity's key,
/// <c>"LocalAuthority:E10000001"</c>, base64url-encoded so that clients treat them as opaque.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, string key) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(typeName + ":" + key));

    /// <summary>The type name and key of an id; false when <paramref name="id"/> is not one of ours.</summary>
    public static bool TryDecode(string? id, out string typeName, out string key)
    {
        (typeName, key) = ("", "");
        if (string.IsNullOrEmpty(id) || id.Length > 400) return false;
        byte[] bytes;
        try { bytes = Base64Url.DecodeFromChars(id); }
        catch (FormatException) { return false; }
        var text = Encoding.UTF8.GetString(bytes);
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        (typeName, key) = (text[..colon], text[(colon + 1)..]);
        return true;
    }

    /// <summary>The key of an id of <paramref name="typeName"/>; null when the id is malformed or of another type.</summary>
    public static string? KeyOf(string? id, string typeName) =>
        TryDecode(id, out var t, out var k) && t == typeName ? k : null;
}
