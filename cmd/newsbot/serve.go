package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/newsroom/newsbot/bot"
	"github.com/newsroom/newsbot/bot/discord"
)

// serveConfig is what `newsbot serve` reads beside config: the Discord
// side. Token and public key are secrets and never logged.
type serveConfig struct {
	Token     string // DISCORD_TOKEN: the gateway transport
	AppID     string // DISCORD_APP_ID: optional, READY carries it
	GuildID   string // DISCORD_GUILD_ID: commands in one server (instant)
	PublicKey string // DISCORD_PUBLIC_KEY: the HTTP interactions transport
	APIBase   string // DISCORD_API_BASE
	HTTPAddr  string // NEWSBOT_HTTP_ADDR: interactions, /healthz, /articles
	AdminRole string // NEWSBOT_ADMIN_ROLE: a role id /reindex also needs
}

func readServeConfig(getenv func(string) string) (serveConfig, error) {
	sc := serveConfig{
		Token: getenv("DISCORD_TOKEN"), AppID: getenv("DISCORD_APP_ID"), GuildID: getenv("DISCORD_GUILD_ID"),
		PublicKey: getenv("DISCORD_PUBLIC_KEY"), APIBase: getenv("DISCORD_API_BASE"),
		HTTPAddr: getenv("NEWSBOT_HTTP_ADDR"), AdminRole: getenv("NEWSBOT_ADMIN_ROLE"),
	}
	if sc.APIBase == "" {
		sc.APIBase = discord.DefaultAPIBase
	}
	if _, err := discord.ParseAPIBase(sc.APIBase); err != nil {
		return sc, fmt.Errorf("DISCORD_API_BASE: %w", err)
	}
	if sc.PublicKey != "" && sc.HTTPAddr == "" {
		return sc, fmt.Errorf("DISCORD_PUBLIC_KEY is set but NEWSBOT_HTTP_ADDR is not: the interactions endpoint needs an address: %w", errUsage)
	}
	if sc.Token == "" && sc.HTTPAddr == "" {
		return sc, fmt.Errorf("serve needs DISCORD_TOKEN (gateway) or NEWSBOT_HTTP_ADDR with DISCORD_PUBLIC_KEY (HTTP interactions), or both: %w", errUsage)
	}
	if sc.PublicKey != "" {
		if _, err := discord.ParsePublicKey(sc.PublicKey); err != nil {
			return sc, err
		}
	}
	return sc, nil
}

// cmdServe runs the bot until ctx is done: the live archive, the gateway
// when a token is set, and the HTTP endpoint (interactions, /healthz,
// /articles) when an address is. On SIGINT or SIGTERM it stops taking
// interactions, finishes those in flight and closes the index cleanly.
func cmdServe(ctx context.Context, cfg config, getenv func(string) string, log *slog.Logger, stdout io.Writer) error {
	sc, err := readServeConfig(getenv)
	if err != nil {
		return err
	}
	// no log line carries a secret, whatever logs it
	log = slog.New(discord.Redact(log.Handler(), sc.Token, sc.PublicKey, cfg.IngestToken))

	arch, err := openArchive(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer func() {
		if err := arch.Close(); err != nil {
			log.Error("serve: closing the index", "err", err)
		}
	}()
	eng := bot.New(arch.Store(), bot.Options{
		Logger:  log,
		Reindex: func(ctx context.Context) (string, error) { return arch.Reindex(ctx, nil) },
		Skipped: arch.Skipped,
		Status:  arch.Note,
	})
	front := discord.New(discord.Options{Engine: eng, Logger: log, Reindex: arch.Reindex, AdminRole: sc.AdminRole})

	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	archDone := make(chan error, 1)
	go func() { archDone <- arch.Run(runCtx) }()

	rest, err := discord.NewSession(sc.Token, sc.APIBase, log)
	if err != nil {
		return err
	}
	var srv *http.Server
	httpDone := make(chan error, 1)
	if sc.HTTPAddr != "" {
		mux := http.NewServeMux()
		if sc.PublicKey != "" {
			key, _ := discord.ParsePublicKey(sc.PublicKey)
			mux.Handle("/interactions", front.Interactions(key, rest))
		}
		mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			if err := json.NewEncoder(w).Encode(arch.Health()); err != nil {
				log.Debug("serve: writing health", "err", err)
			}
		})
		if h := arch.IngestHandler(); h != nil {
			mux.Handle("/articles", h)
			mux.Handle("/articles/", h)
		}
		ln, err := net.Listen("tcp", sc.HTTPAddr)
		if err != nil {
			return fmt.Errorf("serve: listen on %s: %w", sc.HTTPAddr, err)
		}
		srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
			ErrorLog: slog.NewLogLogger(log.Handler(), slog.LevelWarn)}
		fmt.Fprintf(stdout, "newsbot: HTTP on http://%s (interactions: %v, ingest: %v)\n", ln.Addr(), sc.PublicKey != "", arch.IngestHandler() != nil)
		go func() { httpDone <- srv.Serve(ln) }()
	}
	var gw *discord.Gateway
	if sc.Token != "" {
		gw = front.Gateway(rest, sc.GuildID, sc.AppID)
		octx, cancel := context.WithTimeout(ctx, 30*time.Second)
		err := gw.Open(octx)
		cancel()
		if err != nil {
			if srv != nil {
				srv.Close()
			}
			return err
		}
		fmt.Fprintln(stdout, "newsbot: connected to the Discord gateway")
	}

	select {
	case <-ctx.Done():
	case err := <-httpDone:
		if err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("serve: HTTP server stopped", "err", err)
		}
	}
	log.Info("serve: shutting down")
	sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 15*time.Second)
	defer cancel()
	if err := front.Drain(sctx); err != nil {
		log.Warn("serve: interactions still in flight at shutdown", "err", err)
	}
	if srv != nil {
		if err := srv.Shutdown(sctx); err != nil {
			log.Warn("serve: HTTP shutdown", "err", err)
		}
	}
	if gw != nil {
		if err := gw.Close(); err != nil {
			log.Warn("serve: gateway close", "err", err)
		}
	}
	stopRun()
	if err := <-archDone; err != nil && !errors.Is(err, context.Canceled) {
		log.Error("serve: archive", "err", err)
	}
	return nil
}
