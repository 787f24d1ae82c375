using Commissioning.Graph.Engine.Language;
using System.Text.Json;
using Commissioning.Graph.Engine.Execution;

namespace Commissioning.Graph.Engine.Authorization;

/// <summary>
/// Statistical disclosure control for counts (<c>@suppressSmallNumbers</c>): a count from 1 to 7
/// could identify people, so anyone but the data's author gets null and an error with
/// <c>extensions.code = "SUPPRESSED"</c> at the field's path; other counts are rounded to the
/// nearest 5 for them (0 stays 0; halves round away from zero). The author — the owning
/// organisation of the parent object, as <see cref="IAuthorizationService.GetOwnerAsync"/> says —
/// sees the exact count.
/// </summary>
public static class SmallNumberSuppression
{
    public const int LargestSuppressed = 7;
    public const int RoundingBase = 5;

    /// <summary>What a caller who is not the author sees of <paramref name="count"/>: null when suppressed.</summary>
    public static long? Disclose(long count) =>
        count is >= 1 and <= LargestSuppressed ? null : (long)Math.Round(count / (decimal)RoundingBase, MidpointRounding.AwayFromZero) * RoundingBase;

    internal static async ValueTask<object?> ApplyAsync(IAuthorizationService service, object value, IResolveContext ctx)
    {
        if (!TryGetCount(value, out var count)) return value;
        var subject = AuthorizationSubject.Of(ctx);
        if (subject.Organisation is { } organisation
            && await service.GetOwnerAsync(ctx.Source, ctx).ConfigureAwait(false) == organisation)
            return value;
        var disclosed = Disclose(count);
        if (disclosed is null)
        {
            var coordinate = SchemaCoordinate.Field(ctx.ParentType.Name, ctx.FieldDefinition.Name);
            throw new GraphQLException(new GraphQLError($"{coordinate} is suppressed: counts from 1 to {LargestSuppressed} are not disclosed.")
            {
                Extensions = new Dictionary<string, object?> { ["code"] = ErrorCodes.Suppressed, ["coordinate"] = coordinate },
            });
        }
        return value switch
        {
            int => (int)disclosed.Value,
            long => disclosed.Value,
            short => (short)disclosed.Value,
            decimal => (decimal)disclosed.Value,
            double => (double)disclosed.Value,
            float => (float)disclosed.Value,
            _ => (int)disclosed.Value,
        };
    }

    // Integral counts only; anything else passes unchanged.
    private static bool TryGetCount(object value, out long count)
    {
        switch (value)
        {
            case int i: count = i; return true;
            case long l: count = l; return true;
            case short s: count = s; return true;
            case decimal m when m == decimal.Truncate(m): count = (long)m; return true;
            case double d when d == Math.Truncate(d) && Math.Abs(d) < 9e15: count = (long)d; return true;
            case float f when f == MathF.Truncate(f): count = (long)f; return true;
            case JsonElement { ValueKind: JsonValueKind.Number } e when e.TryGetInt64(out var n): count = n; return true;
            default: count = 0; return false;
        }
    }
}
