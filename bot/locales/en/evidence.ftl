# Photo evidence (bot/reporting/evidence.py): EXIF time and place, shared locations, reused photos.
evidence-not-image = That file's content is not an image (its name or type alone does not count); it was not saved. Please send a photo or a JPG or PNG image file.
evidence-location-invalid = That location is not valid; it was not recorded.
evidence-location-saved = 📍 Location recorded: { $place }. It is saved with the report when you submit; share a location again to update it.
evidence-summary-location = 📍 Location: { $place }
evidence-summary-no-location = 📍 No location attached (share your location at any time)
evidence-distance = , { $km } km from the project
evidence-card-location = 📍 Filed at: { $place }{ $distance }
evidence-card-photos = 📷 { $count } site photos:
evidence-photo-line = 📷 { $taken } · { $place }{ $distance }
evidence-photo-compressed = 📷 No capture data (sent compressed)
evidence-no-time = no capture time
evidence-no-place = no position
evidence-duplicate = ⚠️ Possibly reused: a photo of the { $period } report
evidence-leader-notice = ⚠️ { $count } photos in the report of { $project } · { $period } look reused:
    { $details }
    Please check. Reported by { $reporter }
evidence-leader-notice-line = · like a photo of the { $period } report
pages-photo-evidence = { $taken } · { $place }{ $distance }
# The roster's 经纬度 column (bot/people/roster_validation.py)
roster-field-location = Location
roster-error-location-invalid = Location "{ $value }" is not valid; write "latitude, longitude", e.g. 29.0312, 111.6981
# The web chat (bot/web/chat): a photo sent as the original file, and the location button
web-page-photo-original = Send the original photo (keeps when and where it was taken)
web-page-location = Share my location
web-page-locating = Finding your location…
web-page-no-location = Could not get your location: allow the browser to use it.
evidence-photo-hint = 💡 Send the original as a file to keep when and where it was taken; you can also share your location at any time.
evidence-location-no-form = A location is kept only with a report: send /report first, then share your location.
