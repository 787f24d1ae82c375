namespace Commissioning.Graph.Modules.Shared;

/// <summary>User errors gathered while checking a mutation's input, with paths under <c>input</c>.</summary>
public sealed class UserErrors
{
    public List<UserError> List { get; } = [];
    public bool Any => List.Count > 0;

    public UserError Add(string message, string code, params string[] path)
    {
        var error = new UserError(message, path.Length == 0 ? null : ["input", .. path], code);
        List.Add(error);
        return error;
    }

    public UserError Conflict() =>
        Add("Someone else changed this record since you read it: read it again and retry.", UserError.Conflict, "expectedRowVersion");

    /// <summary>A consortium's code, as another module's mutation can check it: the consortium belongs to the Commissioning
    /// module, so only the shape of its code (1 to 20 characters) is checked here. True when it has that shape.</summary>
    public bool CheckConsortiumCode(string code, string field = "consortiumCode")
    {
        if (code.Length is > 0 and <= 20) return true;
        Add("A consortium code has 1 to 20 characters.", UserError.Invalid, field);
        return false;
    }

    public void CheckYear(string? year, string field)
    {
        if (!FinancialYear.IsValid(year)) Add(FinancialYearArguments.Problem(year), UserError.Invalid, field);
    }

    /// <summary>A non-negative amount in pounds and pence; null (with an error) otherwise.</summary>
    public decimal? CheckAmount(object? value, string field)
    {
        var amount = GraphValues.ToDecimal(value);
        if (amount is null) Add("An amount is a number of pounds, like \"1250.00\".", UserError.Invalid, field);
        else if (amount < 0) Add("An amount cannot be negative.", UserError.Invalid, field);
        else if (amount != Math.Round(amount.Value, 2)) Add("An amount is in pounds and pence (at most two decimal places).", UserError.Invalid, field);
        else if (amount >= 10_000_000_000_000_000m) Add("That amount is too large.", UserError.Invalid, field);
        else return amount;
        return null;
    }
}
