<?php
// A `#` suppression that silences nothing: the whole line is removed.

$client = OpenAI::client(getenv('OPENAI_API_KEY'));
$client->responses()->create(['model' => 'gpt-5.5', 'input' => 'Hi', 'max_output_tokens' => 200]);
