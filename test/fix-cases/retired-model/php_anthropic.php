<?php
// A retired model in a named argument: replaced inside its single quotes.

use Anthropic\Client;

$client = new Client(apiKey: getenv('ANTHROPIC_API_KEY'));
$client->messages->create(maxTokens: 300, messages: [['role' => 'user', 'content' => 'Hello']], model: 'claude-3-5-haiku-20241022');
