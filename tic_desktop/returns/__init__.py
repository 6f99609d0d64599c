"""Score returns (.ticreturn): signed by the expert, encrypted to the bureau, classified on
arrival."""
