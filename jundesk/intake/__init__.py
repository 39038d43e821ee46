"""Where posts come from: X through tweepy, manual entry at the front desk."""
