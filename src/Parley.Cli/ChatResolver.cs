using System.Globalization;
using Parley.Client;
using Parley.Contracts.Channels;

namespace Parley.Cli;

/// <summary>One chat the person can write to: a direct or group chat, or a server's text channel.</summary>
internal sealed record ChatTarget(string Id, string Label, string Kind);

/// <summary>
/// Finds the chat a person means: a channel id, a username (the direct chat with them; <c>@name</c> works too), a
/// group's name, or a server channel's name (<c>#name</c>, or <c>server/name</c> to say which server's).
/// </summary>
internal sealed class ChatResolver(ParleyClient client, string myId)
{
    private IReadOnlyList<ChatTarget>? _known;

    public async Task<IReadOnlyList<ChatTarget>> KnownAsync(CancellationToken cancellationToken)
    {
        if (_known is not null)
        {
            return _known;
        }

        var known = new List<ChatTarget>();
        foreach (var chat in await client.GetChannelsAsync(cancellationToken))
        {
            known.Add(new ChatTarget(chat.Id, Describe(chat, myId), chat.Type == ChannelType.Direct ? "direct" : "group"));
        }

        foreach (var server in await client.GetServersAsync(cancellationToken))
        {
            foreach (var channel in await client.GetServerChannelsAsync(server.Id, cancellationToken))
            {
                if (channel.Type == ChannelType.Text)
                {
                    known.Add(new ChatTarget(channel.Id, $"{server.Name}/#{channel.Name}", "channel"));
                }
            }
        }

        return _known = known;
    }

    /// <summary>
    /// The chat meant by <paramref name="text"/>. With <paramref name="openDirect"/>, a username without a direct chat
    /// yet gets one (as sending to them in the web client does).
    /// </summary>
    public async Task<ChatTarget> ResolveAsync(string text, bool openDirect, CancellationToken cancellationToken)
    {
        var wanted = text.Trim();
        if (wanted.Length == 0)
        {
            throw new CliException("Name a chat: a channel id, a username, or a group or channel name.");
        }

        var known = await KnownAsync(cancellationToken);
        if (known.FirstOrDefault(k => k.Id == wanted) is { } byId)
        {
            return byId;
        }

        var matches = known.Where(k => Matches(k, wanted)).ToList();
        if (matches.Count == 1)
        {
            return matches[0];
        }

        if (matches.Count > 1)
        {
            var candidates = string.Join("; ", matches.Select(m => $"{m.Id} ({m.Kind} {m.Label})"));
            throw new CliException($"'{wanted}' is ambiguous: it matches {matches.Count} chats: {candidates}. Use the id instead.");
        }

        var username = wanted.TrimStart('@');
        if (openDirect && username.Length is >= 3 and <= 32 && !username.Any(char.IsWhiteSpace) && !username.Contains('/', StringComparison.Ordinal))
        {
            var people = await client.SearchUsersAsync(username, 25, cancellationToken);
            if (people.FirstOrDefault(p => string.Equals(p.Username, username, StringComparison.OrdinalIgnoreCase)) is { } person)
            {
                var direct = await client.OpenDirectChatAsync(person.Id, cancellationToken);
                return new ChatTarget(direct.Id, Describe(direct, myId), "direct");
            }
        }

        if (IsId(wanted))
        {
            // Maybe a chat the list does not show (or one the server will refuse): let the server decide.
            return new ChatTarget(wanted, wanted, "chat");
        }

        throw new CliException($"No chat matches '{wanted}'. Run 'parley chats' (with --servers for server channels) to see them.");
    }

    /// <summary>How a chat is shown: "@username" for a direct chat, else the group's name (or its members).</summary>
    public static string Describe(ChannelResponse chat, string myId)
    {
        ArgumentNullException.ThrowIfNull(chat);
        var others = chat.Recipients.Where(r => r.Id != myId).ToList();
        if (chat.Type == ChannelType.Direct)
        {
            var other = others.Count > 0 ? others[0] : chat.Recipients.Count > 0 ? chat.Recipients[0] : null;
            return other is null ? "(direct chat)" : "@" + other.Username;
        }

        return !string.IsNullOrWhiteSpace(chat.Name)
            ? chat.Name
            : string.Join(", ", others.Select(r => r.Username));
    }

    private static bool Matches(ChatTarget target, string wanted)
    {
        var label = target.Label;
        switch (target.Kind)
        {
            case "direct":
                return Same(label, wanted) || Same(label, "@" + wanted);
            case "channel":
                var slash = label.LastIndexOf("/#", StringComparison.Ordinal);
                var server = label[..slash];
                var channel = label[(slash + 2)..];
                return Same(channel, wanted.TrimStart('#'))
                    || Same(label, wanted)
                    || Same($"{server}/{channel}", wanted);
            default:
                return Same(label, wanted);
        }
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool IsId(string text) => text.Length is > 0 and <= 19 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _);
}
