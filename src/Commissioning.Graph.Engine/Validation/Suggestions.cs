namespace Commissioning.Graph.Engine.Validation;

/// <summary>"Did you mean" suggestions as graphql-js makes them (suggestionList, didYouMean, naturalCompare).</summary>
public static class Suggestions
{
    private const int MaxSuggestions = 5;

    /// <summary>" Did you mean "a", "b", or "c"?" — empty when there is nothing to suggest.</summary>
    public static string DidYouMean(IReadOnlyList<string> suggestions) => DidYouMean(null, suggestions);

    public static string DidYouMean(string? subMessage, IReadOnlyList<string> suggestions)
    {
        if (suggestions.Count == 0) return "";
        var message = " Did you mean " + (string.IsNullOrEmpty(subMessage) ? "" : subMessage + " ");
        var quoted = suggestions.Select(s => "\"" + s + "\"").ToList();
        if (quoted.Count == 1) return message + quoted[0] + "?";
        if (quoted.Count == 2) return message + quoted[0] + " or " + quoted[1] + "?";
        var selected = quoted.Take(MaxSuggestions).ToList();
        var last = selected[^1];
        selected.RemoveAt(selected.Count - 1);
        return message + string.Join(", ", selected) + ", or " + last + "?";
    }

    /// <summary>The options close to the input (Damerau–Levenshtein distance within 40% of its length, case-insensitive),
    /// nearest first, ties in natural order.</summary>
    public static IReadOnlyList<string> SuggestionList(string input, IEnumerable<string> options)
    {
        var byDistance = new Dictionary<string, int>(StringComparer.Ordinal);
        var order = new List<string>();
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        var inputLower = input.ToLowerInvariant();
        foreach (var option in options)
        {
            var d = Distance(input, inputLower, option, threshold);
            if (d is null) continue;
            if (!byDistance.ContainsKey(option)) order.Add(option);
            byDistance[option] = d.Value;
        }
        return order.OrderBy(o => o, Comparer<string>.Create((a, b) =>
        {
            var diff = byDistance[a] - byDistance[b];
            return diff != 0 ? diff : NaturalCompare(a, b);
        })).ToList();
    }

    private static int? Distance(string input, string inputLower, string option, int threshold)
    {
        if (input == option) return 0;
        var optionLower = option.ToLowerInvariant();
        if (inputLower == optionLower) return 1;
        var a = optionLower;
        var b = inputLower;
        if (a.Length < b.Length) (a, b) = (b, a);
        int aLen = a.Length, bLen = b.Length;
        if (aLen - bLen > threshold) return null;
        var rows = new int[3][];
        for (var r = 0; r < 3; r++) rows[r] = new int[bLen + 1];
        for (var j = 0; j <= bLen; j++) rows[0][j] = j;
        for (var i = 1; i <= aLen; i++)
        {
            var up = rows[(i - 1) % 3];
            var cur = rows[i % 3];
            var smallest = cur[0] = i;
            for (var j = 1; j <= bLen; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var cell = Math.Min(Math.Min(up[j] + 1, cur[j - 1] + 1), up[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    cell = Math.Min(cell, rows[(i - 2) % 3][j - 2] + 1);
                if (cell < smallest) smallest = cell;
                cur[j] = cell;
            }
            if (smallest > threshold) return null;
        }
        var distance = rows[aLen % 3][bLen];
        return distance <= threshold ? distance : null;
    }

    /// <summary>String order in which runs of digits compare as numbers ("a2" before "a10").</summary>
    public static int NaturalCompare(string a, string b)
    {
        int ai = 0, bi = 0;
        while (ai < a.Length && bi < b.Length)
        {
            int ac = a[ai], bc = b[bi];
            if (IsDigit(ac) && IsDigit(bc))
            {
                long an = 0;
                do { ++ai; an = an * 10 + ac - '0'; ac = ai < a.Length ? a[ai] : -1; } while (IsDigit(ac) && an > 0);
                long bn = 0;
                do { ++bi; bn = bn * 10 + bc - '0'; bc = bi < b.Length ? b[bi] : -1; } while (IsDigit(bc) && bn > 0);
                if (an < bn) return -1;
                if (an > bn) return 1;
            }
            else
            {
                if (ac < bc) return -1;
                if (ac > bc) return 1;
                ++ai; ++bi;
            }
        }
        return a.Length - b.Length;
    }

    private static bool IsDigit(int c) => c >= '0' && c <= '9';
}
