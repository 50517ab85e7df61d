"""The substitute channel: a person who cannot file online declares it, gets a timestamped receipt that protects
their deadlines, and the préfecture of their département is told."""
