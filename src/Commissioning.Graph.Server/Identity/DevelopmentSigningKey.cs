using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.Tokens;

namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// The key that signs development tokens: an ECDSA P-256 key (ES256) kept as a private JWK in a
/// JSON file, created on first use. Anyone who can read the file can mint tokens, which is why the
/// server trusts it only in Development.
/// </summary>
public static class DevelopmentSigningKey
{
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    /// <summary>Reads the key at <paramref name="path"/>, creating the file (and its folder) if it does not exist.</summary>
    public static ECDsaSecurityKey LoadOrCreate(string path) => LoadOrCreate(path, out _);

    public static ECDsaSecurityKey LoadOrCreate(string path, out bool created)
    {
        created = false;
        var full = Path.GetFullPath(path);
        if (File.Exists(full)) return Read(full);

        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = ecdsa.ExportParameters(includePrivateParameters: true);
        var json = new JsonObject
        {
            ["kty"] = "EC",
            ["crv"] = "P-256",
            ["alg"] = "ES256",
            ["use"] = "sig",
            ["kid"] = KeyId(parameters),
            ["x"] = Base64UrlEncoder.Encode(parameters.Q.X!),
            ["y"] = Base64UrlEncoder.Encode(parameters.Q.Y!),
            ["d"] = Base64UrlEncoder.Encode(parameters.D!),
            ["created"] = DateTimeOffset.UtcNow.ToString("O"),
            ["note"] = "Development signing key of Commissioning.Graph. Tokens it signs are trusted only in Development. Never deploy it.",
        };

        // Written beside the target and moved into place, so two processes starting together
        // (serve and token) agree on one key: the second move fails and that process reads the first's.
        var temp = full + "." + Guid.NewGuid().ToString("N") + ".tmp";
        File.WriteAllText(temp, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            File.Move(temp, full, overwrite: false);
            created = true;
        }
        catch (IOException) when (File.Exists(full))
        {
            File.Delete(temp);
        }
        return Read(full);
    }

    private static ECDsaSecurityKey Read(string path)
    {
        JsonObject json;
        try { json = JsonNode.Parse(File.ReadAllText(path))!.AsObject(); }
        catch (Exception e) when (e is JsonException or InvalidOperationException or NullReferenceException)
        {
            throw new InvalidOperationException($"The development signing key at {path} is not a JSON web key; delete it to create a new one.", e);
        }
        if ((string?)json["kty"] != "EC" || (string?)json["crv"] != "P-256")
            throw new InvalidOperationException($"The development signing key at {path} is not an EC P-256 key; delete it to create a new one.");
        var parameters = new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint
            {
                X = Base64UrlEncoder.DecodeBytes((string?)json["x"] ?? ""),
                Y = Base64UrlEncoder.DecodeBytes((string?)json["y"] ?? ""),
            },
            D = json["d"] is { } d ? Base64UrlEncoder.DecodeBytes((string)d!) : null,
        };
        var ecdsa = ECDsa.Create(parameters);
        return new ECDsaSecurityKey(ecdsa) { KeyId = (string?)json["kid"] ?? KeyId(parameters) };
    }

    /// <summary>The JWK thumbprint (RFC 7638) of the public key, as its key id.</summary>
    private static string KeyId(ECParameters p)
    {
        var canonical = $"{{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\"{Base64UrlEncoder.Encode(p.Q.X!)}\",\"y\":\"{Base64UrlEncoder.Encode(p.Q.Y!)}\"}}";
        return Base64UrlEncoder.Encode(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(canonical)));
    }
}
