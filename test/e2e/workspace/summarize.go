package main

import (
	"context"

	"github.com/anthropics/anthropic-sdk-go"
)

func summarize(ctx context.Context, text string) {
	client := anthropic.NewClient()
	client.Messages.New(ctx, anthropic.MessageNewParams{
		Model:    anthropic.ModelClaudeHaiku4_5,
		Messages: []anthropic.MessageParam{anthropic.NewUserMessage(anthropic.NewTextBlock(text))},
	})
}
