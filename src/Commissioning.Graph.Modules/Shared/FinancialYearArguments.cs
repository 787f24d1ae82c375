using Commissioning.Graph.Engine;
using Commissioning.Graph.Engine.Execution;
using Commissioning.Graph.Engine.Types;

namespace Commissioning.Graph.Modules.Shared;

/// <summary>
/// One year-parsing rule for reads and writes: every field argument named <c>year</c> of type <c>String</c>
/// must be a financial year written like <c>2013-14</c> (<see cref="FinancialYear.IsValid"/>, the rule
/// mutations apply to their input). A read given anything else is answered with a <c>BAD_USER_INPUT</c>
/// error at the field, not with an empty result that reads as "no data".
/// </summary>
public static class FinancialYearArguments
{
    public const string ArgumentName = "year";

    /// <summary>The message for a malformed year, shared with mutations' user errors.</summary>
    public static string Problem(string? year) => $"\"{year}\" is not a financial year: a financial year is written like 2013-14.";

    /// <summary>Wraps, in place, the resolver of every field taking a <c>year: String</c> argument.</summary>
    public static Schema Apply(Schema schema)
    {
        foreach (var type in schema.Types)
        {
            if (type is not ObjectType objectType || type.Name.StartsWith("__", StringComparison.Ordinal) || ReferenceEquals(type, schema.SubscriptionType)) continue;
            foreach (var field in objectType.Fields.Values)
            {
                if (!field.Arguments.TryGetValue(ArgumentName, out var argument) || Schema.GetNamedType(argument.Type).Name != "String") continue;
                var inner = field.Resolver ?? DefaultFieldResolver.Instance;
                field.Resolver = ctx =>
                    ctx.Arguments.TryGetValue(ArgumentName, out var value) && value is string year && !FinancialYear.IsValid(year)
                        ? throw new GraphQLException(new GraphQLError(Problem(year))
                        {
                            Extensions = new Dictionary<string, object?> { ["code"] = ErrorCodes.BadUserInput, ["argument"] = ArgumentName },
                        })
                        : inner(ctx);
            }
        }
        return schema;
    }
}
