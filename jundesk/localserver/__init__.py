"""Local servers speaking each channel's API (Mastodon, Bluesky, Telegram) on 127.0.0.1, for
tests and the demo; X's is jundesk.xserver."""
