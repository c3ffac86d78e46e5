import CNCurses
import HFDashUI
