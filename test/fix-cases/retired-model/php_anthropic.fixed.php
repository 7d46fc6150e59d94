<?php
// A retired model in a named argument: replaced inside its single quotes.

use Anthropic\Client;

$client = new Client(apiKey: getenv('ANTHROPIC_API_KEY'));
$client->messages->create(maxTokens: 300, messages: [['role' => 'user', 'content' => 'Hello']], model: 'claude-haiku-4-5-20251001');
