using Commissioning.Graph.Server.Identity;
using Microsoft.Extensions.Configuration;

namespace Commissioning.Graph.Host.Commands;

/// <summary>
/// <c>token --org CODE [--scope S]… [--scopes "A B"] [--purpose P] [--client-id ID] [--subject SUB]
/// [--lifetime 8h] [--audience AUD] [--key-file PATH | --data-dir DIR]</c>: mints a development token, signed with
/// the development key (created on first use) that <c>serve</c> trusts in Development, and prints
/// the token alone on standard output. Key path and audience come from the same configuration as
/// <c>serve</c> (appsettings.json, appsettings.Development.json, environment variables).
/// </summary>
public static class TokenCommand
{
    public const string Usage = """
        usage: token --org CODE [--org CODE]... [--scope SCOPE]... [--scopes "A B"] [--purpose PURPOSE]
                     [--client-id ID] [--subject SUB] [--lifetime 8h] [--audience AUD]
                     [--data-dir DIR | --key-file PATH]
        """;

    public static Task<int> RunAsync(string[] args) =>
        Task.FromResult(Run(args, Console.Out, Console.Error, Directory.GetCurrentDirectory()));

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string contentRoot)
    {
        // Several --org: one token each, a line each, in order (the federation suite mints eight at once).
        var orgs = new List<string>();
        while (CommandLine.TakeOption(ref args, "--org") is { } one) orgs.Add(one);
        var org = orgs.FirstOrDefault();
        var scopes = new List<string>();
        while (CommandLine.TakeOption(ref args, "--scope") is { } scope) scopes.Add(scope);
        while (CommandLine.TakeOption(ref args, "--scopes") is { } list) scopes.Add(list);
        var purpose = CommandLine.TakeOption(ref args, "--purpose");
        var clientId = CommandLine.TakeOption(ref args, "--client-id");
        var subject = CommandLine.TakeOption(ref args, "--subject");
        var lifetimeText = CommandLine.TakeOption(ref args, "--lifetime");
        var audience = CommandLine.TakeOption(ref args, "--audience");
        var keyFile = CommandLine.TakeOption(ref args, "--key-file");
        var dataDir = DataDirectory.Take(ref args);

        if (args.Length > 0)
            return Fail(stderr, $"token: unexpected argument \"{args[0]}\".");
        if (string.IsNullOrWhiteSpace(org))
            return Fail(stderr, "token: --org CODE is required (e.g. --org 01A).");
        foreach (var o in orgs)
            if (!DevelopmentTokenIssuer.OrganisationCode().IsMatch(o))
                return Fail(stderr, $"token: \"{o}\" is not an organisation code (letters, digits and hyphens).");
        if (purpose is not null && !PurposeOfUse.IsKnown(purpose))
            return Fail(stderr, $"token: \"{purpose}\" is not a purpose of use; use one of {string.Join(", ", PurposeOfUse.All.Keys)}.");
        var lifetime = TimeSpan.FromHours(8);
        if (lifetimeText is not null && !DevelopmentTokenIssuer.TryParseLifetime(lifetimeText, out lifetime))
            return Fail(stderr, $"token: \"{lifetimeText}\" is not a lifetime (e.g. 30m, 8h, 2d).");

        var configuration = ServerConfiguration(contentRoot);
        var development = configuration.GetSection($"{CommissioningIdentityOptions.SectionName}:DevelopmentTokens").Get<DevelopmentTokenOptions>() ?? new();
        var azureAd = configuration.GetSection(AzureAdOptions.SectionName).Get<AzureAdOptions>() ?? new();
        var keyPath = keyFile is not null ? Path.GetFullPath(Path.Combine(contentRoot, keyFile))
            : dataDir is not null ? DataDirectory.SigningKeyPath(dataDir)
            : Path.GetFullPath(Path.Combine(contentRoot, development.SigningKeyPath));

        var key = DevelopmentSigningKey.LoadOrCreate(keyPath, out var created);
        if (created) stderr.WriteLine($"token: created the development signing key at {keyPath}");
        foreach (var o in orgs)
            stdout.WriteLine(DevelopmentTokenIssuer.Mint(new DevelopmentTokenRequest
        {
            Organisation = o,
            Scopes = scopes,
            Purpose = purpose,
            ClientId = clientId ?? DevelopmentTokenIssuer.DefaultClientId,
            Subject = subject,
            Lifetime = lifetime,
            Audience = audience ?? DevelopmentTokenAuthority.AudienceFor(development, azureAd),
        }, key));
        return 0;
    }

    /// <summary>The configuration <c>serve</c> reads in Development, so that both agree on the key and the audience.</summary>
    private static IConfiguration ServerConfiguration(string contentRoot)
    {
        var environment = Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT")
            ?? Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? "Development";
        return new ConfigurationBuilder()
            .SetBasePath(contentRoot)
            .AddJsonFile("appsettings.json", optional: true)
            .AddJsonFile($"appsettings.{environment}.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
    }

    private static int Fail(TextWriter stderr, string message)
    {
        stderr.WriteLine(message);
        stderr.WriteLine(Usage);
        return 2;
    }
}
