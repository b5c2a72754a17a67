using System.Net.Http.Json;
using Parley.Contracts.Messages;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Features.Messages;

/// <summary>
/// Concurrent sends are committed together (MessageWriter): each message must still be stored once, with every
/// chat's newest message and every sender's read mark right, and one failing send must not fail the others.
/// </summary>
public sealed class GroupCommitTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    [Theory, AllDatabases]
    public async Task Sends_from_many_people_into_many_chats_at_once_are_each_stored_once_with_read_marks_right(Db db)
    {
        var people = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Person.RegisterAsync(apps[db])));
        var group = await people[0].StartGroupAsync("burst", people[1..]);
        var direct = await people[2].StartChatAsync(people[3]);

        var sends = people.SelectMany(p => Enumerable.Range(0, 3).Select(i => (Person: p, Channel: group.Id, Text: $"{p.Me.Username} {i}")))
            .Concat(Enumerable.Range(0, 3).Select(i => (Person: people[2 + (i % 2)], Channel: direct.Id, Text: $"direct {i}")))
            .ToList();
        var sent = await Task.WhenAll(sends.Select(s => s.Person.SendAsync(s.Channel, s.Text)));

        Assert.Equal(sends.Select(s => s.Text).Order(), sent.Select(m => m.Content).Order());
        var groupHistory = await people[1].HistoryAsync(group.Id);
        Assert.Equal(sent.Where(m => m.ChannelId == group.Id).Select(m => m.Id).Order(), groupHistory.Select(m => m.Id).Order());
        Assert.Equal(3, (await people[3].HistoryAsync(direct.Id)).Count);

        foreach (var person in people)
        {
            var listed = await person.ChatAsync(group.Id);
            var newestOwn = groupHistory.Where(m => m.Author.Username == person.Me.Username).Max(m => long.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(groupHistory[0].Id, listed.LastMessage!.Id);
            Assert.Equal(newestOwn.ToString(System.Globalization.CultureInfo.InvariantCulture), listed.LastReadId);
            Assert.Equal(
                groupHistory.Count(m => m.Author.Username != person.Me.Username && long.Parse(m.Id, System.Globalization.CultureInfo.InvariantCulture) > newestOwn),
                listed.UnreadCount);
        }
    }

    [Theory, AllDatabases]
    public async Task A_nonce_clash_in_a_burst_fails_no_other_send(Db db)
    {
        var anna = await Person.RegisterAsync(apps[db]);
        var boris = await Person.RegisterAsync(apps[db]);
        var group = await anna.StartGroupAsync("clash", boris);
        var nonce = Guid.NewGuid().ToString("N");

        var responses = await Task.WhenAll(
            Enumerable.Range(0, 5).Select(_ => anna.PostMessageAsync(group.Id, "retried", nonce))
                .Concat(Enumerable.Range(0, 4).Select(i => boris.PostMessageAsync(group.Id, $"other {i}"))));

        var messages = new List<MessageResponse>();
        foreach (var response in responses)
        {
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            messages.Add((await response.Content.ReadFromJsonAsync<MessageResponse>())!);
        }

        Assert.Single(messages.Where(m => m.Content == "retried").Select(m => m.Id).Distinct());
        Assert.Equal(5, (await anna.HistoryAsync(group.Id)).Count);
    }
}
