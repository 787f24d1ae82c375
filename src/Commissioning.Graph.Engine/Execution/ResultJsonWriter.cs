using Commissioning.Graph.Engine.Types;
using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Commissioning.Graph.Engine.Execution;

/// <summary>
/// Writes a response (spec §7.1) as JSON in the member order graphql-js produces:
/// <c>errors</c> first (when there are any), then <c>data</c> (when execution started), then <c>extensions</c>.
/// Each error is <c>message</c>, <c>locations</c>, <c>path</c>, <c>extensions</c>, absent members omitted.
/// Numbers are written as JavaScript's JSON.stringify writes them.
/// </summary>
public static class ResultJsonWriter
{
    /// <summary>Writer options for responses: no HTML escaping of &lt;, &gt;, &amp;, ' (JSON.stringify does not escape them);
    /// nesting up to 10,000 levels (the writer's own default of 1,000 is less than a valid response can need).</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true, MaxDepth = 10_000 };

    public static void Write(Utf8JsonWriter writer, ExecutionResult result)
    {
        writer.WriteStartObject();
        if (result.Errors is { Count: > 0 } errors)
        {
            writer.WritePropertyName("errors");
            WriteErrors(writer, errors);
        }
        if (result.HasData)
        {
            writer.WritePropertyName("data");
            WriteValue(writer, result.Data);
        }
        if (result.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName("extensions");
            WriteValue(writer, extensions);
        }
        writer.WriteEndObject();
    }

    /// <summary>The initial result of an incremental execution: <c>errors</c>, <c>data</c>, <c>pending</c>,
    /// <c>hasNext</c>, <c>extensions</c> (graphql-js 17.1's order); a plain result when nothing is pending.</summary>
    public static void WriteInitial(Utf8JsonWriter writer, IncrementalExecutionResult result)
    {
        if (result.Pending is null) { Write(writer, result.Initial); return; }
        var initial = result.Initial;
        writer.WriteStartObject();
        if (initial.Errors is { Count: > 0 } errors)
        {
            writer.WritePropertyName("errors");
            WriteErrors(writer, errors);
        }
        writer.WritePropertyName("data");
        WriteValue(writer, initial.Data);
        writer.WritePropertyName("pending");
        WritePending(writer, result.Pending);
        writer.WriteBoolean("hasNext", true);
        if (initial.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName("extensions");
            WriteValue(writer, extensions);
        }
        writer.WriteEndObject();
    }

    /// <summary>A later payload: <c>hasNext</c>, then <c>pending</c>, <c>incremental</c>, <c>completed</c> when not empty.</summary>
    public static void WriteSubsequent(Utf8JsonWriter writer, SubsequentResult payload)
    {
        writer.WriteStartObject();
        writer.WriteBoolean("hasNext", payload.HasNext);
        if (payload.Pending is { Count: > 0 } pending)
        {
            writer.WritePropertyName("pending");
            WritePending(writer, pending);
        }
        if (payload.Incremental is { Count: > 0 } incremental)
        {
            writer.WritePropertyName("incremental");
            writer.WriteStartArray();
            foreach (var entry in incremental)
            {
                writer.WriteStartObject();
                writer.WriteString("id", entry.Id);
                if (entry.Items is { } items)
                {
                    writer.WritePropertyName("items");
                    WriteValue(writer, items);
                }
                else
                {
                    writer.WritePropertyName("data");
                    WriteValue(writer, entry.Data);
                }
                if (entry.Errors is { Count: > 0 } errors)
                {
                    writer.WritePropertyName("errors");
                    WriteErrors(writer, errors);
                }
                if (entry.SubPath is { } subPath)
                {
                    writer.WritePropertyName("subPath");
                    WritePath(writer, subPath);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (payload.Completed is { Count: > 0 } completed)
        {
            writer.WritePropertyName("completed");
            writer.WriteStartArray();
            foreach (var c in completed)
            {
                writer.WriteStartObject();
                writer.WriteString("id", c.Id);
                if (c.Errors is { Count: > 0 } errors)
                {
                    writer.WritePropertyName("errors");
                    WriteErrors(writer, errors);
                }
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (payload.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName("extensions");
            WriteValue(writer, extensions);
        }
        writer.WriteEndObject();
    }

    private static void WritePending(Utf8JsonWriter writer, IReadOnlyList<PendingResult> pending)
    {
        writer.WriteStartArray();
        foreach (var p in pending)
        {
            writer.WriteStartObject();
            writer.WriteString("id", p.Id);
            writer.WritePropertyName("path");
            WritePath(writer, p.Path);
            if (p.Label is not null) writer.WriteString("label", p.Label);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
    }

    private static void WritePath(Utf8JsonWriter writer, IReadOnlyList<object> path)
    {
        writer.WriteStartArray();
        foreach (var segment in path)
        {
            if (segment is int i) writer.WriteNumberValue(i);
            else writer.WriteStringValue(segment.ToString());
        }
        writer.WriteEndArray();
    }

    public static void WriteErrors(Utf8JsonWriter writer, IReadOnlyList<GraphQLError> errors)
    {
        writer.WriteStartArray();
        foreach (var e in errors) WriteError(writer, e);
        writer.WriteEndArray();
    }

    public static void WriteError(Utf8JsonWriter writer, GraphQLError error)
    {
        writer.WriteStartObject();
        writer.WriteString("message", error.Message);
        if (error.Locations is { Count: > 0 } locations)
        {
            writer.WritePropertyName("locations");
            writer.WriteStartArray();
            foreach (var l in locations)
            {
                writer.WriteStartObject();
                writer.WriteNumber("line", l.Line);
                writer.WriteNumber("column", l.Column);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        if (error.Path is { } path)
        {
            writer.WritePropertyName("path");
            writer.WriteStartArray();
            foreach (var segment in path)
            {
                if (segment is int i) writer.WriteNumberValue(i);
                else writer.WriteStringValue(segment.ToString());
            }
            writer.WriteEndArray();
        }
        if (error.Extensions is { Count: > 0 } extensions)
        {
            writer.WritePropertyName("extensions");
            WriteValue(writer, extensions);
        }
        writer.WriteEndObject();
    }

    /// <summary>Writes any response value: the executor's values, JSON elements and plain CLR values.</summary>
    public static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNullValue(); return;
            case string s: writer.WriteStringValue(s); return;
            case ResultMap map:
                writer.WriteStartObject();
                for (var i = 0; i < map.Count; i++)
                {
                    writer.WritePropertyName(map.GetKey(i));
                    WriteValue(writer, map.GetValue(i));
                }
                writer.WriteEndObject();
                return;
            case object?[] array:
                writer.WriteStartArray();
                foreach (var item in array) WriteValue(writer, item);
                writer.WriteEndArray();
                return;
            case bool b: writer.WriteBooleanValue(b); return;
            case int i: writer.WriteNumberValue(i); return;
            case long l: writer.WriteNumberValue(l); return;
            case double d: WriteDouble(writer, d); return;
            case float f: WriteDouble(writer, f); return;
            case decimal m: writer.WriteNumberValue(m); return;
            case short or byte or sbyte or ushort or uint: writer.WriteNumberValue(Convert.ToInt64(value)); return;
            case ulong ul: writer.WriteNumberValue(ul); return;
            case JsonElement element: element.WriteTo(writer); return;
            case JsonDocument document: document.RootElement.WriteTo(writer); return;
            case List<object?> list:
                writer.WriteStartArray();
                foreach (var item in list) WriteValue(writer, item);
                writer.WriteEndArray();
                return;
            case IReadOnlyDictionary<string, object?> dict:
                writer.WriteStartObject();
                foreach (var kv in dict)
                {
                    writer.WritePropertyName(kv.Key);
                    WriteValue(writer, kv.Value);
                }
                writer.WriteEndObject();
                return;
            case IDictionary<string, object?> dict2:
                writer.WriteStartObject();
                foreach (var kv in dict2)
                {
                    writer.WritePropertyName(kv.Key);
                    WriteValue(writer, kv.Value);
                }
                writer.WriteEndObject();
                return;
            case IDictionary dict3:
                writer.WriteStartObject();
                foreach (DictionaryEntry kv in dict3)
                {
                    writer.WritePropertyName(kv.Key.ToString() ?? "");
                    WriteValue(writer, kv.Value);
                }
                writer.WriteEndObject();
                return;
            case IEnumerable enumerable:
                writer.WriteStartArray();
                foreach (var item in enumerable) WriteValue(writer, item);
                writer.WriteEndArray();
                return;
            case Enum e: writer.WriteStringValue(e.ToString()); return;
            case DateTime dt: writer.WriteStringValue(dt); return;
            case DateTimeOffset dto: writer.WriteStringValue(dto); return;
            case Guid g: writer.WriteStringValue(g); return;
            default: writer.WriteStringValue(value.ToString()); return;
        }
    }

    /// <summary>JSON.stringify's number form; NaN and infinities become null as there.</summary>
    public static void WriteDouble(Utf8JsonWriter writer, double d)
    {
        if (!double.IsFinite(d)) { writer.WriteNullValue(); return; }
        if (d < 9007199254740992d && d > -9007199254740992d && Math.Floor(d) == d)
        {
            writer.WriteNumberValue((long)d);
            return;
        }
        // .NET's "R" gives the same shortest round-trip digits as JavaScript; when it chose plain
        // notation (no exponent) its text is exactly JavaScript's, so it is written from the stack.
        // Only exponent forms, whose thresholds differ (.NET 1E-05 and 1E+15; JavaScript 1e-7 and
        // 1e+21), need JsNumber.ToString's re-layout (and its string).
        Span<byte> utf8 = stackalloc byte[32];
        if (d.TryFormat(utf8, out var written, "R", CultureInfo.InvariantCulture) && utf8[..written].IndexOf((byte)'E') < 0)
        {
            writer.WriteRawValue(utf8[..written], skipInputValidation: true);
            return;
        }
        writer.WriteRawValue(JsNumber.ToString(d), skipInputValidation: true);
    }

    /// <summary>The response as a JSON string (convenience for tests and tools).</summary>
    public static string ToJson(ExecutionResult result)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions)) Write(writer, result);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
