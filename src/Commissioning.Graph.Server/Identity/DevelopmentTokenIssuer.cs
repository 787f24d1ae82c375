using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Commissioning.Graph.Server.Identity;

/// <summary>What a development token says about its bearer.</summary>
public sealed record DevelopmentTokenRequest
{
    /// <summary>The organisation code (<c>org</c> claim), e.g. <c>01A</c>, <c>X24</c>, <c>E10000001</c>.</summary>
    public required string Organisation { get; init; }
    public IReadOnlyList<string> Scopes { get; init; } = Array.Empty<string>();
    /// <summary>The default purpose of use (<c>purpose</c> claim); the request header overrides it.</summary>
    public string? Purpose { get; init; }
    /// <summary>The client application id (<c>azp</c> and <c>appid</c>). Default <c>commissioning-graph-dev</c>.</summary>
    public string ClientId { get; init; } = DevelopmentTokenIssuer.DefaultClientId;
    /// <summary>The subject. Default <c>dev:{org}</c>.</summary>
    public string? Subject { get; init; }
    public TimeSpan Lifetime { get; init; } = TimeSpan.FromHours(8);
    public string Audience { get; init; } = DevelopmentTokenOptions.DefaultAudience;
    /// <summary>The time the token is issued; now unless a test says otherwise.</summary>
    public DateTimeOffset? IssuedAt { get; init; }
}

/// <summary>Mints development tokens, signed with the <see cref="DevelopmentSigningKey"/>.</summary>
public static partial class DevelopmentTokenIssuer
{
    public const string DefaultClientId = "commissioning-graph-dev";

    /// <summary>An organisation code: ODS-style letters, digits and hyphens.</summary>
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,31}$")]
    public static partial Regex OrganisationCode();

    public static string Mint(DevelopmentTokenRequest request, SecurityKey signingKey)
    {
        if (!OrganisationCode().IsMatch(request.Organisation))
            throw new ArgumentException($"\"{request.Organisation}\" is not an organisation code (letters, digits and hyphens).", nameof(request));
        string? purpose = null;
        if (request.Purpose is not null)
            purpose = PurposeOfUse.Normalise(request.Purpose)
                ?? throw new ArgumentException($"\"{request.Purpose}\" is not a purpose of use; use one of {string.Join(", ", PurposeOfUse.All.Keys)}.", nameof(request));
        if (request.Lifetime <= TimeSpan.Zero) throw new ArgumentException("The lifetime must be positive.", nameof(request));

        var now = request.IssuedAt ?? DateTimeOffset.UtcNow;
        var claims = new Dictionary<string, object>
        {
            [IdentityClaims.Organisation] = request.Organisation,
            [IdentityClaims.AuthorisedParty] = request.ClientId,
            [IdentityClaims.AppId] = request.ClientId,
            [JwtRegisteredClaimNames.Sub] = request.Subject ?? $"dev:{request.Organisation}",
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        var scopes = request.Scopes.SelectMany(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct().ToArray();
        if (scopes.Length > 0) claims[IdentityClaims.Scope] = string.Join(' ', scopes);
        if (purpose is not null) claims[IdentityClaims.Purpose] = purpose;

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = DevelopmentTokenOptions.Issuer,
            Audience = request.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(request.Lifetime).UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(signingKey, signingKey is ECDsaSecurityKey ? SecurityAlgorithms.EcdsaSha256 : SecurityAlgorithms.RsaSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>Reads a lifetime such as <c>8h</c>, <c>30m</c>, <c>90s</c>, <c>2d</c> or <c>01:30:00</c>.</summary>
    public static bool TryParseLifetime(string text, out TimeSpan lifetime)
    {
        lifetime = default;
        text = text.Trim();
        if (text.Length >= 2 && double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0)
        {
            TimeSpan? value = char.ToLowerInvariant(text[^1]) switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            };
            if (value is { } v) { lifetime = v; return true; }
        }
        return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out lifetime) && lifetime > TimeSpan.Zero;
    }
}

/// <summary>The claims this API reads.</summary>
public static class IdentityClaims
{
    /// <summary>The calling organisation's code (our own claim; Entra ID can add it by claims mapping).</summary>
    public const string Organisation = "org";
    /// <summary>Delegated scopes, space-separated.</summary>
    public const string Scope = "scp";
    /// <summary>Application roles (client-credentials tokens): an array.</summary>
    public const string Roles = "roles";
    /// <summary>The default purpose of use (our own claim).</summary>
    public const string Purpose = "purpose";
    /// <summary>The client application, in v2.0 tokens.</summary>
    public const string AuthorisedParty = "azp";
    /// <summary>The client application, in v1.0 tokens.</summary>
    public const string AppId = "appid";
    public const string Subject = "sub";
    public const string TenantId = "tid";
}
