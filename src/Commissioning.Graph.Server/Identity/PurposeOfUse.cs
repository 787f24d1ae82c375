namespace Commissioning.Graph.Server.Identity;

/// <summary>
/// The purposes for which a caller may ask for data, sent in the <c>X-Purpose-Of-Use</c> header
/// (or carried by the token's <c>purpose</c> claim). Each disclosure of restricted data is recorded
/// with the purpose stated; whether a request needs one is decided by the authorisation layer.
/// </summary>
public static class PurposeOfUse
{
    public const string HeaderName = "X-Purpose-Of-Use";

    /// <summary>Planning and buying services for the population a consortium is responsible for.</summary>
    public const string Commissioning = "COMMISSIONING";
    /// <summary>The NHS CB's (or a consortium's own) assurance of financial returns and statutory duties.</summary>
    public const string FinancialAssurance = "FINANCIAL_ASSURANCE";
    /// <summary>Preparing or reviewing the Joint Strategic Needs Assessment of a Health and Wellbeing Board.</summary>
    public const string Jsna = "JSNA";
    /// <summary>Coordinating a lead-commissioner arrangement between consortia.</summary>
    public const string LeadCommissioning = "LEAD_COMMISSIONING";
    /// <summary>Managing a pooled budget (section 75 arrangement) and its partners' contributions.</summary>
    public const string PooledBudgetManagement = "POOLED_BUDGET_MANAGEMENT";
    /// <summary>Managing a contract with a provider: activity, performance and value.</summary>
    public const string ContractManagement = "CONTRACT_MANAGEMENT";
    /// <summary>Internal or external audit, including review of the disclosure register.</summary>
    public const string Audit = "AUDIT";
    /// <summary>The NHS CB setting and monitoring consortium allocations.</summary>
    public const string Allocations = "ALLOCATIONS";
    /// <summary>The NHS CB's authorisation and ongoing assurance of consortia (beyond finance).</summary>
    public const string Assurance = "ASSURANCE";
    /// <summary>Monitoring the outcomes indicators of the commissioning outcomes framework.</summary>
    public const string OutcomesMonitoring = "OUTCOMES_MONITORING";

    /// <summary>Every documented code with what it means.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [Commissioning] = "Planning and buying services for the population a consortium is responsible for.",
        [FinancialAssurance] = "Assurance of financial returns and statutory financial duties.",
        [Jsna] = "Preparing or reviewing a Health and Wellbeing Board's Joint Strategic Needs Assessment.",
        [LeadCommissioning] = "Coordinating a lead-commissioner arrangement between consortia.",
        [PooledBudgetManagement] = "Managing a pooled budget and its partners' contributions and expenditure.",
        [ContractManagement] = "Managing a contract with a provider: activity, performance and value.",
        [Audit] = "Internal or external audit, including review of the disclosure register.",
        [Allocations] = "Setting and monitoring consortium allocations.",
        [Assurance] = "Authorisation and ongoing assurance of consortia.",
        [OutcomesMonitoring] = "Monitoring outcomes indicators.",
    };

    /// <summary>The documented code for <paramref name="value"/> (case and surrounding spaces ignored), or null.</summary>
    public static string? Normalise(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var code = value.Trim().ToUpperInvariant();
        return All.ContainsKey(code) ? code : null;
    }

    public static bool IsKnown(string? value) => Normalise(value) is not null;
}
