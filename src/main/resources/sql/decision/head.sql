-- The sealed head of the chain: its position and hash (none when nothing is sealed yet).
SELECT chain_pos, encode(hash, 'hex') FROM decision WHERE chain_pos IS NOT NULL ORDER BY chain_pos DESC LIMIT 1
