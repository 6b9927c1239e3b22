package discordtest_test

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/newsroom/newsbot/bot/discord"
	"github.com/newsroom/newsbot/bot/discord/discordtest"
)

// A test starts the fake, points the bot's discordgo session at it, waits
// for the session, dispatches a command and checks the reply the bot sent.
// (Compiled, not run: the session's Close takes a second.)
func Example() {
	srv := discordtest.New(discordtest.Options{})
	defer srv.Close() // after the session's Close, below

	s, _ := discordgo.New("Bot faketoken")
	s.Client.Transport = discord.NewTransport(srv.APIBase(), http.DefaultTransport)
	s.AddHandler(func(s *discordgo.Session, ic *discordgo.InteractionCreate) {
		_ = s.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
			Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: "Peskov said ..."},
		})
	})
	if err := s.Open(); err != nil {
		panic(err)
	}
	defer s.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.WaitReady(ctx); err != nil {
		panic(err)
	}
	ev := srv.SlashCommand("quote", discordtest.StringOption("speaker", "Peskov"))
	if err := srv.Dispatch("INTERACTION_CREATE", ev); err != nil {
		panic(err)
	}
	req, err := srv.WaitRequest(ctx, "POST", "interactions/{id}/{token}/callback")
	if err != nil {
		panic(err)
	}
	rep, _ := req.Reply()
	fmt.Println(req.Status, req.CallbackType(), rep.Content, discordtest.Validate(rep, len(req.Files), true))
}
