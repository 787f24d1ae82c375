using System.Globalization;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>Numbers written the way JavaScript's JSON.stringify writes them (ECMA-262 Number::toString):
/// integral values without a fraction, shortest round-trip digits, exponent form only below 1e-6 or
/// from 1e21 (<c>1e-7</c>, <c>1e+21</c>). Non-finite numbers have no JSON form (JSON.stringify writes null).</summary>
internal static class JsNumberFormat
{
    public static string Format(double value)
    {
        if (value == 0) return "0";
        if (value < 0) return "-" + Format(-value);
        if (value < 9007199254740992d && Math.Floor(value) == value) return ((long)value).ToString(CultureInfo.InvariantCulture);

        // Shortest round-trip digits from .NET, laid out again with JavaScript's rules.
        var r = value.ToString("R", CultureInfo.InvariantCulture);
        var exponent = 0;
        var e = r.IndexOf('E');
        var mantissa = r;
        if (e >= 0)
        {
            exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = r[..e];
        }
        var dot = mantissa.IndexOf('.');
        var intDigits = dot < 0 ? mantissa.Length : dot;
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0') leadingZeros++;
        digits = digits[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        var n = intDigits + exponent - leadingZeros; // value = 0.digits × 10^n
        var k = digits.Length;
        if (k <= n && n <= 21) return digits + new string('0', n - k);
        if (0 < n && n <= 21) return digits[..n] + "." + digits[n..];
        if (-6 < n && n <= 0) return "0." + new string('0', -n) + digits;
        var exp = n - 1;
        var expText = (exp >= 0 ? "+" : "-") + Math.Abs(exp).ToString(CultureInfo.InvariantCulture);
        return k == 1 ? digits + "e" + expText : digits[0] + "." + digits[1..] + "e" + expText;
    }
}
