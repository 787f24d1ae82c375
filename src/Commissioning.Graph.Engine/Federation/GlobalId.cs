using System.Buffers.Text;
using System.Text;

namespace Commissioning.Graph.Engine.Federation;

/// <summary>
/// Global Object Identification ids (<c>Node.id</c>): base64url (no padding) of <c>"TypeName:key"</c>,
/// <c>"LocalAuthority:E10000001"</c>, so <c>node(id:)</c> can find the type and the entity key again;
/// opaque to clients. The one encoding of the composer and of the modules.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(typeName + ":" + key));

    /// <summary>False when <paramref name="id"/> is not an id this encoding produced.</summary>
    public static bool TryDecode(string? id, out string typeName, out string key)
    {
        typeName = key = "";
        if (string.IsNullOrEmpty(id)) return false;
        byte[] bytes;
        try { bytes = Base64Url.DecodeFromChars(id); }
        catch (FormatException) { return false; }
        var text = Encoding.UTF8.GetString(bytes);
        var colon = text.IndexOf(':');
        if (colon <= 0 || colon == text.Length - 1) return false;
        typeName = text[..colon];
        key = text[(colon + 1)..];
        return true;
    }

    /// <summary>The key of an id of <paramref name="typeName"/>; null when the id is malformed, longer than
    /// 400 characters, or of another type.</summary>
    public static string? KeyOf(string? id, string typeName) =>
        id is { Length: <= 400 } && TryDecode(id, out var t, out var k) && t == typeName ? k : null;
}
