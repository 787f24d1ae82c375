using System.Buffers.Text;
using System.Text;

namespace Commissioning.Graph.Engine.Federation;

/// <summary>
/// Global Object Identification ids: base64url (no padding) of <c>"TypeName:key"</c>, so
/// <c>node(id:)</c> can find the type and the entity key again; opaque to clients.
/// </summary>
public static class GlobalId
{
    public static string Encode(string typeName, string key) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(typeName + ":" + key));

    /// <summary>False when <paramref name="id"/> is not an id this encoding produced.</summary>
    public static bool TryDecode(string id, out string typeName, out string key)
    {
        typeName = key = "";
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
}
