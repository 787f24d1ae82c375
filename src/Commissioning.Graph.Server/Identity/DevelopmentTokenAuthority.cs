using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// The server's view of development tokens: whether they are trusted here, where the key is, and
/// which audience they carry. The key is read (or created) on first use, never in Production.
/// </summary>
public sealed class DevelopmentTokenAuthority
{
    private readonly Lazy<ECDsaSecurityKey> _key;

    public DevelopmentTokenAuthority(IHostEnvironment environment, IOptions<CommissioningIdentityOptions> identity,
        IOptions<AzureAdOptions> azureAd, ILogger<DevelopmentTokenAuthority> logger)
    {
        var options = identity.Value.DevelopmentTokens;
        IsTrusted = IsTrustedIn(environment, options);
        if (options.Enabled == true && environment.IsProduction())
            logger.LogWarning("Identity:DevelopmentTokens:Enabled is ignored in Production: development tokens are not trusted.");
        KeyPath = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.SigningKeyPath));
        Audience = AudienceFor(options, azureAd.Value);
        _key = new Lazy<ECDsaSecurityKey>(() =>
        {
            if (!IsTrusted) throw new InvalidOperationException("Development tokens are not trusted in this environment.");
            var key = DevelopmentSigningKey.LoadOrCreate(KeyPath, out var created);
            if (created) logger.LogInformation("Created the development signing key at {Path}", KeyPath);
            return key;
        });
    }

    /// <summary>Development tokens are trusted in Development, or where configuration enables them outside Production.</summary>
    public static bool IsTrustedIn(IHostEnvironment environment, DevelopmentTokenOptions options) =>
        environment.IsDevelopment() || (options.Enabled == true && !environment.IsProduction());

    public static string AudienceFor(DevelopmentTokenOptions options, AzureAdOptions azureAd) =>
        !string.IsNullOrWhiteSpace(options.Audience) ? options.Audience.Trim()
        : !string.IsNullOrWhiteSpace(azureAd.Audience) ? azureAd.Audience.Trim()
        : DevelopmentTokenOptions.DefaultAudience;

    public bool IsTrusted { get; }

    public string KeyPath { get; }

    public string Audience { get; }

    /// <summary>The signing key; throws when development tokens are not trusted here.</summary>
    public ECDsaSecurityKey SigningKey => _key.Value;

    /// <summary>Mints a token this server accepts (tests, tooling).</summary>
    public string Mint(DevelopmentTokenRequest request) => DevelopmentTokenIssuer.Mint(request with { Audience = Audience }, SigningKey);
}
