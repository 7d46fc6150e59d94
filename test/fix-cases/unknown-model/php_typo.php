<?php
// An id no rate card lists: the nearest known id is suggested in place.

use Anthropic\Client;

$client = new Client(apiKey: getenv('ANTHROPIC_API_KEY'));
$client->messages->create(maxTokens: 300, messages: [['role' => 'user', 'content' => 'Hello']], model: "claude-sonet-4-6");
