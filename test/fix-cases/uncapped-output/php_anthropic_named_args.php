<?php
// Anthropic's PHP SDK takes named arguments: maxTokens: 1024 (required: a safe fix).

use Anthropic\Client;

$client = new Client(apiKey: getenv('ANTHROPIC_API_KEY'));
$message = $client->messages->create(messages: [['role' => 'user', 'content' => 'Hello, Claude']], model: 'claude-sonnet-4-6');
var_dump($message->content);
