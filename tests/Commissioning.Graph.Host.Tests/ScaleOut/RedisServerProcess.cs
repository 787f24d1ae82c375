using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Commissioning.Graph.Host.Tests.ScaleOut;

/// <summary>
/// A redis-server of the test's own, on 127.0.0.1 and a free port, without persistence, that the test can kill
/// (SIGKILL, by PID) and start again on the same port. The binary: COMMISSIONING_REDIS_SERVER, else redis-server
/// on the PATH (infra/local/redis.sh installs it; scripts/test.sh runs that).
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private Process? _process;

    public int Port { get; }
    public string Configuration => $"127.0.0.1:{Port}";
    public int? Pid => _process is { HasExited: false } p ? p.Id : null;

    private RedisServerProcess(int port) => Port = port;

    public static async Task<RedisServerProcess> StartAsync()
    {
        var server = new RedisServerProcess(FreePort());
        await server.RestartAsync();
        return server;
    }

    public static string Binary =>
        Environment.GetEnvironmentVariable("COMMISSIONING_REDIS_SERVER") is { Length: > 0 } b ? b
        : new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
          ?? throw new InvalidOperationException("redis-server is not installed: run infra/local/redis.sh install (scripts/test.sh does).");

    /// <summary>Starts the server (again) on <see cref="Port"/> and waits until it answers PING.</summary>
    public async Task RestartAsync()
    {
        if (Pid is not null) throw new InvalidOperationException("Redis is already running.");
        var info = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(), "--save", "", "--appendonly", "no", "--protected-mode", "yes" })
            info.ArgumentList.Add(a);
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            if (await PingAsync()) return;
            if (DateTime.UtcNow > deadline || _process.HasExited) throw new InvalidOperationException($"redis-server on port {Port} did not answer.");
            await Task.Delay(50);
        }
    }

    /// <summary>SIGKILL, as a crash would, and waits for the process to be gone.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    private async Task<bool> PingAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            var n = await stream.ReadAsync(buffer, timeout.Token);
            return n >= 5 && System.Text.Encoding.ASCII.GetString(buffer, 0, n).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException) { return false; }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}
