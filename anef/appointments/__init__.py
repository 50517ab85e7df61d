"""Appointments: the agenda of a service and the bookings to collect a card."""
