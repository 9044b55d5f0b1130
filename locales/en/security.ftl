# Refusals after too many failed sign-in attempts (passwords, invitation links).
error-429-title = Too many attempts
error-429-text = There have been too many failed attempts to sign in from here or to this account. Please wait { $minutes } minutes and try again.
