import os
import sys

# the helpers module sits beside the tests; make it importable whatever pytest's import mode
sys.path.insert(0, os.path.dirname(__file__))
