using Microsoft.AspNetCore.SignalR.Client;
using Parley.Client;
using Parley.Contracts.Messages;
using Parley.Contracts.Realtime;
using Parley.Contracts.Users;
using Parley.Server.Tests.Infrastructure;

namespace Parley.Server.Tests.Client;

public sealed class ParleyRealtimeTests(ParleyApps apps) : IClassFixture<ParleyApps>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private ParleyApp App => apps[Db.Sqlite];

    [Fact]
    public async Task A_message_sent_by_someone_else_arrives_as_MessageCreated()
    {
        var (anna, annaClient) = await SdkSupport.SignedInAsync(App, "anna");
        var (_, borisClient) = await SdkSupport.SignedInAsync(App, "boris");
        using (annaClient)
        using (borisClient)
        {
            var chat = await borisClient.OpenDirectChatAsync(anna.Id);
            await using var realtime = annaClient.CreateRealtime(SdkSupport.RealtimeOptions(App));
            var arrived = new TaskCompletionSource<MessageResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var subscription = realtime.OnMessageCreated(message =>
            {
                arrived.TrySetResult(message);
                return Task.CompletedTask;
            });
            await realtime.StartAsync();
            Assert.Equal(HubConnectionState.Connected, realtime.State);

            var sent = await borisClient.SendMessageAsync(chat.Id, "live over the sdk");
            var received = await arrived.Task.WaitAsync(Patience);

            Assert.Equal((sent.Id, chat.Id, "live over the sdk"), (received.Id, received.ChannelId, received.Content));
        }
    }

    [Fact]
    public async Task Typing_presence_and_sending_go_over_the_hub()
    {
        var (anna, annaClient) = await SdkSupport.SignedInAsync(App, "anna");
        var (boris, borisClient) = await SdkSupport.SignedInAsync(App, "boris");
        using (annaClient)
        using (borisClient)
        {
            var chat = await annaClient.OpenDirectChatAsync(boris.Id);
            await using var annaLive = annaClient.CreateRealtime(SdkSupport.RealtimeOptions(App));
            await using var borisLive = borisClient.CreateRealtime(SdkSupport.RealtimeOptions(App));
            var typing = new TaskCompletionSource<TypingEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            var presence = new TaskCompletionSource<PresenceEvent>(TaskCreationOptions.RunContinuationsAsynchronously);
            var created = new TaskCompletionSource<MessageResponse>(TaskCreationOptions.RunContinuationsAsynchronously);
            using var onTyping = borisLive.OnTypingStarted(e => Task.FromResult(typing.TrySetResult(e)));
            using var onPresence = borisLive.OnPresenceChanged(e =>
                Task.FromResult(e.UserId == anna.Id && e.Presence == VisiblePresence.Dnd && presence.TrySetResult(e)));
            using var onCreated = borisLive.On<MessageResponse>(nameof(IChatClient.MessageCreated), m => Task.FromResult(created.TrySetResult(m)));
            await annaLive.StartAsync();
            await borisLive.StartAsync();

            await annaLive.TypingAsync(chat.Id);
            await annaLive.SetPresenceAsync(Presence.Dnd);
            var sent = await annaLive.SendMessageAsync(chat.Id, new SendMessageRequest("sent over the hub", null, null));

            var typed = await typing.Task.WaitAsync(Patience);
            Assert.Equal((chat.Id, anna.Id), (typed.ChannelId, typed.UserId));
            Assert.Equal(anna.Id, (await presence.Task.WaitAsync(Patience)).UserId);
            Assert.Equal(sent.Id, (await created.Task.WaitAsync(Patience)).Id);
            Assert.False(string.IsNullOrEmpty(sent.Nonce));
            Assert.True(await annaLive.JoinChannelAsync(chat.Id));
        }
    }
}
