# pyshim for fish: generated (edits here do not last). Loads pyshim's virtualenvwrapper commands on first use (see __pyshim_vew_load.fish).
function cdvirtualenv; __pyshim_vew_load; and cdvirtualenv $argv; end
