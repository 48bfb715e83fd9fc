SELECT id FROM users WHERE email IN ('investor@demo.zamin.ir', 'investor2@demo.zamin.ir') ORDER BY email
