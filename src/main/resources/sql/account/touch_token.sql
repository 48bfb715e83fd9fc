-- Records when an API token was last used.
UPDATE api_token SET last_used_at = :now WHERE id = :id
